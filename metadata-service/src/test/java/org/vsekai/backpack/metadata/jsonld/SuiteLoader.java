package org.vsekai.backpack.metadata.jsonld;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;

/**
 * For the conformance test only: serves the W3C suites' base URLs from the local copy of the suites, and nothing
 * else. The production loader stays bundled-contexts-only.
 */
final class SuiteLoader implements DocumentLoader {

    static final String API_BASE = "https://w3c.github.io/json-ld-api/tests/";
    static final String FRAMING_BASE = "https://w3c.github.io/json-ld-framing/tests/";

    private final Map<String, Path> folders;

    SuiteLoader(Path suiteFolder) {
        // Both upstream test folders were copied into the one local folder (see its PROVENANCE.md).
        this.folders = Map.of(API_BASE, suiteFolder, FRAMING_BASE, suiteFolder);
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        String text = url.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
            if (text.startsWith(folder.getKey())) {
                Path file = folder.getValue().resolve(text.substring(folder.getKey().length())).normalize();
                if (!file.startsWith(folder.getValue())) {
                    break;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    JsonDocument document = JsonDocument.of(MediaType.JSON_LD, in);
                    document.setDocumentUrl(url);
                    return document;
                } catch (NoSuchFileException e) {
                    throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "no such test file: " + url);
                } catch (IOException e) {
                    throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, e);
                }
            }
        }
        throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "not a test-suite URL: " + url);
    }
}
