package mailin

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
)

// Message is an email as Townhall reads it: who wrote, about what, the new
// words they wrote (HTML turned into text, quoted history and signature
// removed) and what they attached.
type Message struct {
	From, FromName string // the From header's address and name
	Subject        string
	MessageID      string // without the angle brackets
	Text           string
	Attachments    []Attachment
	Language       string // the Content-Language header, if any
	Header         mail.Header
	Received       int  // Received headers: hops so far
	Report         bool // multipart/report: a bounce or read receipt
	// Unreadable names the parts that could not be decoded (base64 cut
	// short, a part the message ended inside): the rest is kept.
	Unreadable []string
	Hash       string // of the subject and body: the same Message-ID with other content is another message
}

// Attachment is one file of a message.
type Attachment struct {
	Name, Type string
	Data       []byte
	Inline     bool // shown in the body (pasted images, logos) rather than attached
}

// Limits on a message's structure; its size is limited by the listener.
const (
	maxHeaderBytes = 256 << 10
	maxParts       = 100
	maxDepth       = 8
)

var errMalformed = errors.New("malformed message")

// Parse reads a whole message.
func Parse(raw []byte) (*Message, error) {
	if end := bytes.Index(raw, []byte("\r\n\r\n")); end > maxHeaderBytes || (end < 0 && len(raw) > maxHeaderBytes) {
		return nil, fmt.Errorf("%w: header longer than %d bytes", errMalformed, maxHeaderBytes)
	}
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	msg := &Message{
		Header:    m.Header,
		Received:  len(m.Header["Received"]),
		Subject:   oneLine(decodeHeader(m.Header.Get("Subject"))),
		MessageID: strings.Trim(strings.TrimSpace(m.Header.Get("Message-Id")), "<>"),
		Language:  strings.ToLower(strings.TrimSpace(m.Header.Get("Content-Language"))),
	}
	msg.From, msg.FromName = parseFrom(m.Header.Get("From"))
	msg.Hash = contentHash(msg.Subject, raw)
	b := &body{}
	if err := b.walk(textproto.MIMEHeader(m.Header), m.Body, 0); err != nil {
		return nil, err
	}
	msg.Report = b.report
	msg.Attachments, msg.Unreadable = b.files, b.unreadable
	text := b.plain.String()
	if strings.TrimSpace(text) == "" {
		text = htmlToText(b.html.String())
	}
	msg.Text = stripQuotes(text, isForward(msg.Subject))
	return msg, nil
}

// body collects a message's text and files while walking its MIME tree.
type body struct {
	plain, html strings.Builder
	files       []Attachment
	unreadable  []string // names (or types) of parts that could not be decoded
	parts       int
	report      bool
}

func (b *body) walk(h textproto.MIMEHeader, r io.Reader, depth int) error {
	ctype, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		ctype, params = "text/plain", map[string]string{} // RFC 2045's default
	}
	if strings.HasPrefix(ctype, "multipart/") {
		if ctype == "multipart/report" {
			b.report = true
		}
		return b.walkMultipart(r, params["boundary"], depth)
	}
	data, err := io.ReadAll(transferDecoder(r, h.Get("Content-Transfer-Encoding")))
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := oneLine(decodeHeader(firstOf(dparams["filename"], params["name"])))
	isText := disp != "attachment" && name == "" && (ctype == "text/plain" || ctype == "text/html")
	switch {
	case err != nil && !isText:
		// A file cut short is no file: name it for the clerk, keep the rest.
		b.unreadable = append(b.unreadable, firstOf(name, ctype))
	case ctype == "text/plain" && isText: // as far as it could be read
		appendPart(&b.plain, decodeCharset(data, params["charset"]))
	case ctype == "text/html" && isText:
		appendPart(&b.html, decodeCharset(data, params["charset"]))
	default:
		inline := disp == "inline" || (disp == "" && h.Get("Content-Id") != "")
		b.files = append(b.files, Attachment{Name: name, Type: ctype, Data: data, Inline: inline})
	}
	return nil
}

func (b *body) walkMultipart(r io.Reader, boundary string, depth int) error {
	if boundary == "" || depth >= maxDepth {
		return fmt.Errorf("%w: multipart without boundary or nested too deep", errMalformed)
	}
	mr := multipart.NewReader(r, boundary)
	for {
		p, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil && b.parts == 0 {
			return fmt.Errorf("%w: %v", errMalformed, err)
		}
		if err != nil {
			return nil // the message ended without its closing boundary: keep the parts read
		}
		if b.parts++; b.parts > maxParts {
			return fmt.Errorf("%w: more than %d parts", errMalformed, maxParts)
		}
		if err := b.walk(p.Header, p, depth+1); err != nil {
			return err
		}
	}
}

// contentHash is a message's fingerprint for telling a repeat from another
// message with the same Message-ID: its subject and body, without the
// header, where each relay adds its own Received line.
func contentHash(subject string, raw []byte) string {
	h := sha256.New()
	h.Write([]byte(subject + "\n"))
	if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
		h.Write(raw[i+4:])
	} else if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		h.Write(raw[i+2:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// transferDecoder undoes a Content-Transfer-Encoding.
func transferDecoder(r io.Reader, cte string) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &dropSpace{r: r})
	}
	return r
}

// dropSpace removes the blanks some mailers leave in base64 (the decoder
// itself skips only line breaks).
type dropSpace struct{ r io.Reader }

func (d *dropSpace) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	j := 0
	for _, c := range p[:n] {
		if c != ' ' && c != '\t' {
			p[j] = c
			j++
		}
	}
	return j, err
}

func appendPart(sb *strings.Builder, s string) {
	if sb.Len() > 0 && strings.TrimSpace(s) != "" {
		sb.WriteString("\n\n")
	}
	sb.WriteString(s)
}

// parseFrom returns the address and name of a From header, lower-casing
// the address so it compares with the accounts' addresses.
func parseFrom(v string) (addr, name string) {
	p := mail.AddressParser{WordDecoder: wordDecoder}
	a, err := p.Parse(v)
	if err != nil {
		return "", ""
	}
	return strings.ToLower(a.Address), oneLine(a.Name)
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// oneLine folds a header value onto one line, trimmed.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// isForward reports whether a subject says the message forwards another
// (English, Spanish and Outlook's prefixes).
func isForward(subject string) bool {
	s := strings.ToLower(strings.TrimSpace(subject))
	for _, p := range []string{"fwd:", "fw:", "rv:", "reenv:", "tr:"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
