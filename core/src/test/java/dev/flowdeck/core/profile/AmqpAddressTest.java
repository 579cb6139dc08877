package dev.flowdeck.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmqpAddressTest {

    @Test
    void takesUserAndPasswordOutOfTheUri() {
        var split = AmqpAddress.split(" amqps://ops:s%40cret@rabbit:5671/%2F ");

        assertThat(split.address()).isEqualTo("amqps://rabbit:5671/%2F");
        assertThat(split.user()).isEqualTo("ops");
        assertThat(split.password()).isEqualTo("s@cret");
        assertThat(AmqpAddress.masked("amqp://ops:secret@rabbit:5672/")).isEqualTo("amqp://ops:****@rabbit:5672/");
    }

    @Test
    void leavesAUriWithoutCredentialsAsItIs() {
        assertThat(AmqpAddress.split("amqp://rabbit:5672/shop")).isEqualTo(new AmqpAddress("amqp://rabbit:5672/shop", "", ""));
        assertThat(AmqpAddress.split("kafka-1:9092").address()).isEqualTo("kafka-1:9092");
        assertThat(AmqpAddress.masked("amqp://rabbit/")).isEqualTo("amqp://rabbit/");
    }
}
