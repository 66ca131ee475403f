package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// format is the response format a client chose with the URL's suffix.
type format string

const (
	formatXML  format = "xml"
	formatJSON format = "json"
)

// Content types and the XML declaration exactly as the spec writes them.
const (
	contentXML  = "text/xml; charset=utf-8"
	contentJSON = "application/json; charset=utf-8"
	xmlHeader   = `<?xml version="1.0" encoding="utf-8"?>` + "\n"
)

// splitFormat cuts "2026-0042.json" into "2026-0042" and json. A name
// without a known suffix has no format.
func splitFormat(name string) (string, format, bool) {
	base, ext, found := cutLast(name, ".")
	if !found || base == "" {
		return name, formatXML, false
	}
	switch ext {
	case "xml":
		return base, formatXML, true
	case "json":
		return base, formatJSON, true
	}
	return name, formatXML, false
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// write sends v in f: x is the XML document (its root element named by its
// XMLName), j the JSON value, which the spec's Spark convention makes a bare
// array where the XML has a list root such as <services>.
func write(e *core.RequestEvent, f format, status int, x, j any) error {
	var buf bytes.Buffer
	ctype := contentJSON
	if f == formatJSON {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(j); err != nil {
			return err
		}
	} else {
		ctype = contentXML
		buf.WriteString(xmlHeader)
		enc := xml.NewEncoder(&buf)
		enc.Indent("", "  ")
		if err := enc.Encode(x); err != nil {
			return err
		}
		buf.WriteByte('\n')
	}
	e.Response.Header().Set("Content-Type", ctype)
	e.Response.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	e.Response.WriteHeader(status)
	_, err := e.Response.Write(buf.Bytes())
	return err
}

// text is a string field that the spec shows as null in JSON and as an empty
// element in XML when there is nothing to say.
type text string

// MarshalJSON writes null for an empty text.
func (t text) MarshalJSON() ([]byte, error) {
	if t == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(t))
}

// number is a coordinate: null or an empty element when unknown.
type number struct {
	v  float64
	ok bool
}

func someNumber(v float64) number { return number{v: v, ok: true} }

func (n number) String() string {
	if !n.ok {
		return ""
	}
	return strconv.FormatFloat(n.v, 'f', -1, 64)
}

// MarshalJSON writes the number, or null.
func (n number) MarshalJSON() ([]byte, error) {
	if !n.ok {
		return []byte("null"), nil
	}
	return []byte(n.String()), nil
}

// MarshalXML writes the number as the element's text, or an empty element.
func (n number) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(n.String(), start)
}

// list is a repeated XML element inside a wrapper (<attributes><attribute>)
// that is a plain array in JSON, empty rather than null.
type list[T any] struct {
	Items []T
	Name  string // the repeated element's name
}

// MarshalJSON writes the items as an array.
func (l list[T]) MarshalJSON() ([]byte, error) {
	if len(l.Items) == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal(l.Items)
}

// MarshalXML writes the wrapper with one element per item.
func (l list[T]) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, it := range l.Items {
		if err := e.EncodeElement(it, xml.StartElement{Name: xml.Name{Local: l.Name}}); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}
