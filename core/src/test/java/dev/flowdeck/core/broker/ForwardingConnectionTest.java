package dev.flowdeck.core.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Every call of the broker API reaches the wrapped connection, default methods too (a wrapper that let the
 * interface's default {@code hold} answer would refuse holds its connection allows), with the same arguments and
 * the same answer.
 */
class ForwardingConnectionTest {

    @Test
    void everyMethodOfTheBrokerApiIsPassedOn() throws Exception {
        List<String> reached = new ArrayList<>();
        var wrapped = (BrokerConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BrokerConnection.class}, (proxy, method, args) -> {
                    reached.add(method.getName() + "/" + (args == null ? 0 : args.length));
                    return method.getReturnType() == void.class ? null : answerFor(method);
                });
        var forwarding = new ForwardingConnection(wrapped) {
        };
        for (Method method : BrokerConnection.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            reached.clear();
            Object[] args = new Object[method.getParameterCount()];
            Object result = method.invoke(forwarding, args);
            assertThat(reached).as(method.getName()).containsExactly(method.getName() + "/" + args.length);
            if (method.getReturnType() != void.class) {
                assertThat(result).as(method.getName()).isSameAs(answerFor(method));
            }
        }
    }

    /** One answer per return type, so a forwarder that answered itself would be caught. */
    private static final Map<Class<?>, Object> ANSWERS = new ConcurrentHashMap<>();

    private static Object answerFor(Method method) {
        Class<?> type = method.getReturnType();
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (!type.isInterface()) {
            return null; // a record or class the test need not build: null passed through is still the answer
        }
        return ANSWERS.computeIfAbsent(type, t -> Proxy.newProxyInstance(ForwardingConnectionTest.class
                .getClassLoader(), new Class<?>[] {t}, (p, m, a) -> {
                    throw new UnsupportedOperationException("a marker answer");
                }));
    }
}
