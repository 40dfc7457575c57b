package dev.vigil.ingest.video;

import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses XML from cameras and NVRs safely and reads it by local names, since vendors put the same
 * elements in different namespaces (or none) from one firmware to the next.
 *
 * <p>A document with a DOCTYPE is refused outright, which rules out external entities (XXE) and
 * entity expansion ("billion laughs"); external DTDs and schemas are not loaded, XInclude is off
 * and the JDK's secure-processing limits apply. No camera protocol Vigil reads needs a DTD.
 */
public final class SafeXml {

    private static final DocumentBuilderFactory FACTORY = factory();

    private SafeXml() {}

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setValidating(false);
        return f;
    }

    /**
     * The document element of the XML.
     *
     * @throws ProblemException MALFORMED, saying where (line and column) and what
     */
    public static Element parse(byte[] xml) throws ProblemException {
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver(
                    (publicId, systemId) -> {
                        throw new SAXException("external entities are not allowed");
                    });
            Document document = builder.parse(new ByteArrayInputStream(xml));
            return document.getDocumentElement();
        } catch (SAXParseException e) {
            throw new ProblemException(
                    Problem.malformed(
                            "body",
                            "malformed XML at line "
                                    + e.getLineNumber()
                                    + ", column "
                                    + e.getColumnNumber()
                                    + ": "
                                    + describe(e)));
        } catch (SAXException | IOException e) {
            throw new ProblemException(Problem.malformed("body", "malformed XML: " + describe(e)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "DOCTYPE is not allowed (no DTDs, no entities)";
        }
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static final ErrorHandler SILENT =
            new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            };

    /** The local name of an element, whatever its namespace or prefix. */
    public static String localName(Element element) {
        String local = element.getLocalName();
        return local != null ? local : element.getTagName();
    }

    /** The element's child elements with this local name, in document order. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                found.add(e);
            }
        }
        return found;
    }

    /** The first child element with this local name. */
    public static Optional<Element> child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The trimmed text of the first child element with this local name; empty when blank. */
    public static Optional<String> text(Element parent, String localName) {
        return child(parent, localName)
                .map(e -> e.getTextContent().trim())
                .filter(t -> !t.isEmpty());
    }

    /** All descendant elements with this local name, in document order. */
    public static List<Element> descendants(Element root, String localName) {
        List<Element> found = new ArrayList<>();
        collect(root, localName, found);
        return found;
    }

    private static void collect(Element element, String localName, List<Element> found) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (localName.equals(localName(e))) {
                    found.add(e);
                }
                collect(e, localName, found);
            }
        }
    }
}
