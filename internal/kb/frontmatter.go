package kb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Doc is one markdown file: its front matter and body.
type Doc struct {
	Title          string   `yaml:"title"`
	Summary        string   `yaml:"summary,omitempty"`
	Answer         string   `yaml:"answer,omitempty"` // the sentence quoted as the answer; a sentence of the page
	Service        string   `yaml:"service,omitempty"`
	Facility       string   `yaml:"facility,omitempty"` // slug of a facility: adds a Book button
	Program        string   `yaml:"program,omitempty"`  // slug of a program: adds a Register button
	Tags           []string `yaml:"tags,omitempty,flow"`
	Updated        string   `yaml:"updated,omitempty"`
	TranslationKey string   `yaml:"translation_key,omitempty"`
	Body           string   `yaml:"-"`
}

// LineError is a problem in a file, at a line, for a volunteer to fix.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var (
	delimiter   = []byte("---")
	yamlLineNum = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	serviceCode = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// ParseDoc reads a file of the form "---\n<yaml>\n---\n<markdown>". Errors are
// *LineError with the line in the file.
func ParseDoc(data []byte) (*Doc, error) {
	if !utf8.Valid(data) {
		return nil, &LineError{1, "the file is not UTF-8 text"}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	lines := bytes.SplitAfter(data, []byte("\n"))
	if !bytes.Equal(bytes.TrimSpace(lines[0]), delimiter) {
		return nil, &LineError{1, `front matter must start with a line "---"`}
	}
	closing := -1
	for i := 1; i < len(lines); i++ {
		if bytes.Equal(bytes.TrimRight(lines[i], " \t\n"), delimiter) {
			closing = i
			break
		}
	}
	if closing < 0 {
		return nil, &LineError{1, `front matter is not closed by a line "---"`}
	}
	head := bytes.Join(lines[1:closing], nil)
	rest := bytes.Join(lines[closing+1:], nil)
	var doc Doc
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err)
	}
	doc.Body = strings.TrimLeft(string(rest), "\n")
	if err := doc.validate(); err != nil {
		return nil, err
	}
	return &doc, nil
}

// yamlError turns yaml's "line N" (counted inside the front matter) into a
// line of the file, which starts one line earlier because of "---".
func yamlError(err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  ")
	if m := yamlLineNum.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return &LineError{n + 1, m[2]}
	}
	return &LineError{1, msg}
}

func (d *Doc) validate() error {
	d.Title = strings.TrimSpace(d.Title)
	switch {
	case d.Title == "":
		return &LineError{1, "front matter needs a title"}
	case len(d.Title) > 200:
		return &LineError{1, "the title is longer than 200 characters"}
	case len(d.Summary) > 400:
		return &LineError{1, "the summary is longer than 400 characters"}
	case len(d.Answer) > 400:
		return &LineError{1, "the answer is longer than 400 characters"}
	case d.Service != "" && !serviceCode.MatchString(d.Service):
		return &LineError{1, fmt.Sprintf("service %q is not a service code (lowercase letters, digits and -)", d.Service)}
	case d.Facility != "" && !serviceCode.MatchString(d.Facility):
		return &LineError{1, fmt.Sprintf("facility %q is not a facility's short name (lowercase letters, digits and -)", d.Facility)}
	case d.Program != "" && !serviceCode.MatchString(d.Program):
		return &LineError{1, fmt.Sprintf("program %q is not a program's short name (lowercase letters, digits and -)", d.Program)}
	case len(d.Body) > 200_000:
		return &LineError{1, "the page is longer than 200,000 characters"}
	}
	if d.Updated != "" {
		if _, err := d.UpdatedTime(); err != nil {
			return &LineError{1, fmt.Sprintf("updated %q is not a date like 2026-03-02", d.Updated)}
		}
	}
	return nil
}

// UpdatedTime parses the updated date, or returns the zero time.
func (d *Doc) UpdatedTime() (time.Time, error) {
	if d.Updated == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, d.Updated)
}

// Encode writes the doc back as a file: the inverse of ParseDoc.
func (d *Doc) Encode() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	buf.WriteString("---\n\n")
	buf.WriteString(strings.TrimSpace(d.Body))
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
