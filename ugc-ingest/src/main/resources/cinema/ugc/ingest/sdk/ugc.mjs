// ugc.js as an ES module: the same client object, also reachable as globalThis.UGC.
import "./ugc.js";

const UGC = globalThis.UGC;
export default UGC;
export const init = UGC.init;
export const track = UGC.track;
export const flush = UGC.flush;
export const attachPlayer = UGC.attachPlayer;
export const stats = UGC.stats;
