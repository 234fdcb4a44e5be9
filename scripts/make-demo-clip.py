#!/usr/bin/env python3
"""Writes the demo player's clip: 12 s of a moving bar and a second counter, 96x54, 8 fps, VP8 in WebM.

Raw I420 frames are drawn here and encoded by vpxenc (Debian: apt-get install vpx-tools). The result (a few KB) is
committed as ugc-app/src/main/resources/cinema/ugc/app/demo/clip.webm; run this only to change the clip.
"""
import os
import subprocess
import sys
import tempfile

W, H, FPS, SECONDS = 96, 54, 8, 12
DIGITS = {  # 3x5 pixel font
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111",
    "4": "101101111001001", "5": "111100111001111", "6": "111100111101111", "7": "111001001001001",
    "8": "111101111101111", "9": "111101111001111",
}


def frame(n):
    y = bytearray([40] * (W * H))
    t = n / FPS
    bar = int((W - 8) * t / SECONDS)
    for row in range(H - 10, H - 4):
        for col in range(4, 4 + bar):
            y[row * W + col] = 200
    text = "%02d" % int(t)
    for i, ch in enumerate(text):
        bits = DIGITS[ch]
        for k, bit in enumerate(bits):
            if bit == "1":
                px, py = 30 + i * 20 + (k % 3) * 5, 10 + (k // 3) * 5
                for dy in range(5):
                    for dx in range(5):
                        y[(py + dy) * W + px + dx] = 235
    u = bytes([100 + (n * 3) % 60] * (W * H // 4))
    v = bytes([150] * (W * H // 4))
    return bytes(y) + u + v


def main(out):
    with tempfile.NamedTemporaryFile(suffix=".yuv", delete=False) as raw:
        for n in range(FPS * SECONDS):
            raw.write(frame(n))
    try:
        subprocess.run(["vpxenc", "--codec=vp8", "--i420", "-w", str(W), "-h", str(H), "--fps=%d/1" % FPS,
                        "--target-bitrate=8", "--end-usage=cbr", "--kf-max-dist=%d" % (FPS * 4), "--webm",
                        "--quiet", "-o", out, raw.name], check=True)
    finally:
        os.unlink(raw.name)
    print(out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "ugc-app/src/main/resources/cinema/ugc/app/demo/clip.webm")
