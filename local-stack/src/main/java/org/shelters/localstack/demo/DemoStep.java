package org.shelters.localstack.demo;

/**
 * One part of the demo programme, loaded on the local stack's first start through the services'
 * own HTTP commands, so demo data travels as events like real data. Steps run in {@link #order()}.
 */
public interface DemoStep {

    /** Lower runs first: shelters and agreements (100), logistics (200), anything that reads reports (300). */
    int order();

    String name();

    void run(DemoClient client, DemoContext context) throws Exception;
}
