package dev.gatehouse.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.gatehouse.cdi.ai.client.Model;
import dev.gatehouse.cdi.ai.client.ModelClient;

/**
 * Asks for an alias the configuration does not list: the copy of the sample it is added to must be refused. A bean
 * (bean-defining scope) so that its injection point is seen in the sample's "annotated" bean archive.
 */
@ApplicationScoped
public class UnknownAliasClient {

    public static final String ALIAS = "no-such-alias";

    @Inject
    @Model(ALIAS)
    ModelClient chat;
}
