package cinema.ugc.app.run;

import cinema.ugc.app.Service;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects the {@link SharedPipeline} into test constructors and lifecycle methods that ask for a {@link Service}. */
public final class SharedPipelineExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Service.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedPipeline.get(context);
    }
}
