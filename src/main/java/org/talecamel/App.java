package org.talecamel;

public final class App {
    public static void main(String[] args) throws Exception {
        new org.apache.camel.main.Main(App.class).run(args);
    }
}
