package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.decode.SchemaAccess;

/** A connection's schemas for its browsers (the app's: decoder, "Decode as", versions, encoding); none by default. */
@FunctionalInterface
public interface SchemaFactory {

    SchemaFactory NONE = connection -> SchemaAccess.NONE;

    SchemaAccess of(BrokerConnection connection);
}
