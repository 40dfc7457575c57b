package dev.vigil.embedded.junit;

import org.junit.platform.commons.PreconditionViolationException;

/** Shared checks of Vigil's JUnit extensions. */
final class ExtensionSupport {

    private ExtensionSupport() {}

    /** Fails with advice when an extension is used outside a static {@code @RegisterExtension}. */
    static <T> T requireStarted(T service, String extension) {
        if (service == null) {
            throw new PreconditionViolationException(
                    extension
                            + " is not running: register it as"
                            + " `@RegisterExtension static final "
                            + extension
                            + " x = new "
                            + extension
                            + "();` so it starts before all tests of the class");
        }
        return service;
    }

    /** Closes every resource, in order, even if one fails; rethrows the first failure. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
