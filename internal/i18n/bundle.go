// Package i18n loads the translations in locales/, negotiates a visitor's
// language and picks the right language of database content.
package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Bundle holds every language's messages, loaded once at start-up.
type Bundle struct {
	bundle     *goi18n.Bundle
	langs      []string                     // sorted language codes with a locale file
	localizers map[string]*goi18n.Localizer // by language code
	plain      map[string]map[string]string // messages without template data, by language then id
	ids        []string                     // message ids of the source (English) file
}

// Load reads every <area>.<lang>.toml file in fsys (active.en.toml,
// requests.es.toml, …): one file per area of the site and language, so a new
// feature brings its own messages. English is the source language: it must
// exist, and tests check every other language against it.
func Load(fsys fs.FS) (*Bundle, error) {
	b := &Bundle{
		bundle:     goi18n.NewBundle(language.English),
		localizers: map[string]*goi18n.Localizer{},
		plain:      map[string]map[string]string{},
	}
	b.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, err := fs.Glob(fsys, "*.*.toml")
	if err != nil {
		return nil, fmt.Errorf("list locale files: %w", err)
	}
	ids := map[string][]string{}
	for _, name := range files {
		parts := strings.Split(path.Base(name), ".")
		lang := parts[len(parts)-2]
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if _, err := b.bundle.ParseMessageFileBytes(data, name); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		if _, seen := ids[lang]; !seen {
			b.langs = append(b.langs, lang)
		}
		ids[lang] = append(ids[lang], messageIDs("", raw)...)
	}
	if _, ok := ids["en"]; !ok {
		return nil, fmt.Errorf("locales: no English (*.en.toml) messages")
	}
	sort.Strings(b.langs)
	b.ids = ids["en"]
	sort.Strings(b.ids)
	for _, lang := range b.langs {
		loc := goi18n.NewLocalizer(b.bundle, lang)
		b.localizers[lang] = loc
		b.plain[lang] = map[string]string{}
		for _, id := range ids[lang] {
			s, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: id})
			if err == nil && !strings.Contains(s, "{{") {
				b.plain[lang][id] = s
			}
		}
	}
	return b, nil
}

// messageIDs walks a decoded TOML file the way go-i18n does: a table with an
// "other" key, or a plain string, is a message; any other table nests ids.
func messageIDs(prefix string, m map[string]any) []string {
	var out []string
	for k, v := range m {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			out = append(out, id)
		case map[string]any:
			if _, ok := v["other"]; ok {
				out = append(out, id)
			} else {
				out = append(out, messageIDs(id, v)...)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Languages returns the codes of every language with a locale file.
func (b *Bundle) Languages() []string { return b.langs }

// DefaultLanguage is the source language of the messages, English.
func (b *Bundle) DefaultLanguage() string { return "en" }

// Has reports whether lang has a locale file.
func (b *Bundle) Has(lang string) bool {
	_, ok := b.localizers[lang]
	return ok
}

// MessageIDs returns the ids of every English message.
func (b *Bundle) MessageIDs() []string { return b.ids }

// T translates id into lang. data fills {{.Name}} placeholders; a count in
// data["Count"] selects the CLDR plural form. A missing message shows its id,
// which the locale tests make sure never happens.
func (b *Bundle) T(lang, id string, data map[string]any) string {
	if data == nil {
		if s, ok := b.plain[lang][id]; ok {
			return s
		}
	}
	loc, ok := b.localizers[lang]
	if !ok {
		loc = b.localizers["en"]
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if n, ok := data["Count"]; ok {
		cfg.PluralCount = n
	}
	s, err := loc.Localize(cfg)
	if err != nil {
		return id
	}
	return oneFullStop(s)
}

// oneFullStop drops the sentence's full stop after a time that ends in
// its own ("until 2:00 p.m.." is "until 2:00 p.m.").
func oneFullStop(s string) string {
	if !strings.Contains(s, "m..") {
		return s
	}
	return strings.NewReplacer("a.m..", "a.m.", "p.m..", "p.m.").Replace(s)
}

// Localize is T that reports a missing message or plural form, for tests.
func (b *Bundle) Localize(lang, id string, data map[string]any) (string, error) {
	loc, ok := b.localizers[lang]
	if !ok {
		return "", fmt.Errorf("no locale %q", lang)
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if n, ok := data["Count"]; ok {
		cfg.PluralCount = n
	}
	return loc.Localize(cfg)
}
