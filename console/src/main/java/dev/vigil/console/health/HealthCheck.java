package dev.vigil.console.health;

/** One component Vigil depends on, asked whether it is up; implementations must not block long. */
public interface HealthCheck {
    /** The component's name in the health report, e.g. {@code kafka}. */
    String name();

    /** Checks the component now; failures are returned as a DOWN state, never thrown. */
    ComponentHealth check();

    /** A check answered by a function, for components whose state is known in this process. */
    static HealthCheck of(String name, java.util.function.Supplier<ComponentHealth> answer) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ComponentHealth check() {
                return answer.get();
            }
        };
    }
}
