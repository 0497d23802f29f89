package org.shelters.reporting.export;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin, indenting front of {@link XMLStreamWriter}: the writer escapes every name and value, this
 * only lays elements out one per line, and writes an element with nothing inside as {@code <a/>},
 * so that a person can read the file too. An element's start is held until its first child, text
 * or end says which it is. Checked exceptions of the writer (the client went away while the file
 * streams to it) become {@link IllegalStateException}s.
 */
final class Xml implements AutoCloseable {

    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private final XMLStreamWriter out;
    private int depth;
    /** Whether the element open at the current depth has child elements (its end tag then goes on a line of its own). */
    private boolean hasChildren;
    /** The element started and not written yet, with its attributes (name, value pairs). */
    private String pending;
    private final List<String> pendingAttributes = new ArrayList<>();

    Xml(OutputStream stream) {
        try {
            out = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, StandardCharsets.UTF_8.name());
            out.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    Xml start(String name) {
        flush(false);
        write(() -> out.writeCharacters("\n" + "  ".repeat(depth)));
        pending = name;
        depth++;
        hasChildren = false;
        return this;
    }

    /** An attribute of the element just started; a null value leaves it out. */
    Xml attr(String name, Object value) {
        if (pending == null) {
            throw new IllegalStateException("an attribute belongs right after its element's start: " + name);
        }
        if (value != null) {
            pendingAttributes.add(name);
            pendingAttributes.add(value.toString());
        }
        return this;
    }

    Xml text(Object value) {
        flush(false);
        write(() -> out.writeCharacters(value.toString()));
        return this;
    }

    Xml end() {
        depth--;
        if (pending != null) {
            flush(true);
        } else {
            boolean onItsOwnLine = hasChildren;
            write(() -> {
                if (onItsOwnLine) {
                    out.writeCharacters("\n" + "  ".repeat(depth));
                }
                out.writeEndElement();
            });
        }
        hasChildren = true;
        return this;
    }

    /** An element holding one {@code narrative} with {@code text}. */
    Xml narrative(String element, String text) {
        return start(element).start("narrative").text(text).end().end();
    }

    /** What is written so far to the stream (the held start stays held: it may still end empty). */
    void flush() {
        write(out::flush);
    }

    @Override
    public void close() {
        write(() -> {
            out.writeCharacters("\n");
            out.writeEndDocument();
            out.close();
        });
    }

    /** Writes the held start: as an empty element when it ends here, else as a start tag. */
    private void flush(boolean empty) {
        if (pending == null) {
            return;
        }
        String name = pending;
        pending = null;
        write(() -> {
            if (empty) {
                out.writeEmptyElement(name);
            } else {
                out.writeStartElement(name);
            }
            for (int i = 0; i < pendingAttributes.size(); i += 2) {
                String attribute = pendingAttributes.get(i);
                String value = pendingAttributes.get(i + 1);
                if (attribute.equals("xml:lang")) {
                    out.writeAttribute("xml", XML_NS, "lang", value);
                } else {
                    out.writeAttribute(attribute, value);
                }
            }
        });
        pendingAttributes.clear();
    }

    private interface Write {
        void run() throws XMLStreamException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
