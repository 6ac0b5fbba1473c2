package org.herald.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.herald.tools.Http;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives the tests deploy: always the EAR that the build produced, never a hand-picked
 * subset of classes. In-container tests ride along inside its web module.
 */
final class Deployments {

    private static final String WEB_MODULE = "announcement-web.war";

    private Deployments() {
    }

    static EnterpriseArchive herald() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("herald.ear")));
    }

    static EnterpriseArchive heraldWithTest(Class<?> testClass) {
        EnterpriseArchive ear = herald();
        WebArchive web;
        try (InputStream module = ear.get(WEB_MODULE).getAsset().openStream()) {
            web = ShrinkWrap.create(ZipImporter.class, WEB_MODULE).importFrom(module)
                    .as(WebArchive.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        web.addClasses(testClass, Deployments.class, TestData.class, Await.class)
                .addPackage(Http.class.getPackage());
        ear.delete(WEB_MODULE);
        return ear.addAsModule(web);
    }
}
