// Package requests is the service-request domain: the catalog of services
// and, built on it, intake from every channel, numbering, routing and the
// status workflow.
package requests

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

// Datatypes are the Open311 attribute types a service's form may use.
var Datatypes = []string{"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}

// Attribute is one question on a service's form, as stored in the service's
// fields JSON. Descriptions and value names are per language.
type Attribute struct {
	Code        string            `json:"code"`
	Datatype    string            `json:"datatype"`
	Required    bool              `json:"required"`
	Order       int               `json:"order"`
	Description map[string]string `json:"description"`
	Values      []Value           `json:"values,omitempty"`
	// Help is a hint shown under the question, per language.
	Help map[string]string `json:"help,omitempty"`
	// Negative lets a number question take numbers below zero; without
	// it a number answer is a count or a size, 0 or more.
	Negative bool `json:"negative,omitempty"`
}

// Value is one choice of a list attribute.
type Value struct {
	Key  string            `json:"key"`
	Name map[string]string `json:"name"`
}

// Service is a catalog entry in one language.
type Service struct {
	ID, Code, Name, Description, Group, Keywords string
	WhatYouNeed                                  []string
	DepartmentID                                 string
	Attributes                                   []Attribute
	Photos, Documents, Anonymous, TopTask        bool
	ResponseDays                                 int
	Translated                                   bool
	// Kind is the form's kind: KindProblem, KindApplication or KindQuestion.
	Kind string
	// What every request for the service must have (see needs.go).
	NeedsLocation, NeedsDescription, NeedsContact bool
	lang, def                                     string // the language the service is in, and the town's default
}

// In picks the text of a per-language map, falling back to def, then any.
func In(m map[string]string, lang, def string) string {
	if s := m[lang]; s != "" {
		return s
	}
	if s := m[def]; s != "" {
		return s
	}
	for _, s := range m {
		return s
	}
	return ""
}

// ServiceIn is the service record r in lang.
func ServiceIn(r *core.Record, lang, def string) (*Service, error) {
	name, ok := i18n.Text(r, "name", lang, def)
	desc, _ := i18n.Text(r, "description", lang, def)
	need, _ := i18n.Text(r, "what_you_need", lang, def)
	s := &Service{
		ID: r.Id, Code: r.GetString("code"), Name: name, Description: desc, Group: r.GetString("group"),
		Keywords: r.GetString("keywords"), DepartmentID: r.GetString("department"),
		Photos: r.GetBool("photos"), Documents: r.GetBool("documents"), Anonymous: r.GetBool("anonymous"),
		TopTask: r.GetBool("top_task"), ResponseDays: r.GetInt("response_days"), Translated: ok,
		Kind: kindOf(r), NeedsLocation: r.GetBool("needs_location"), NeedsDescription: r.GetBool("needs_description"),
		NeedsContact: r.GetBool("needs_contact"), lang: lang, def: def,
	}
	for _, line := range strings.Split(need, "\n") {
		if line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- ")); line != "" {
			s.WhatYouNeed = append(s.WhatYouNeed, line)
		}
	}
	if err := r.UnmarshalJSONField("fields", &s.Attributes); err != nil {
		// The clerk's form is broken: the service takes no requests until fixed.
		return nil, fmt.Errorf("service %s: form fields: %w: %w", s.Code, ErrServiceUnavailable, err)
	}
	sort.SliceStable(s.Attributes, func(i, j int) bool { return s.Attributes[i].Order < s.Attributes[j].Order })
	return s, nil
}

// Services returns the active services in lang, in the clerk's order.
func Services(app core.App, lang, def string) ([]*Service, error) {
	recs, err := app.FindRecordsByFilter("services", "active = true", "sort,name", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	out := make([]*Service, 0, len(recs))
	for _, r := range recs {
		s, err := ServiceIn(r, lang, def)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// ServiceByCode returns the active service with code, in lang.
func ServiceByCode(app core.App, code, lang, def string) (*Service, error) {
	r := &core.Record{}
	err := app.RecordQuery("services").AndWhere(dbx.HashExp{"code": code, "active": true}).Limit(1).One(r)
	if err != nil {
		return nil, fmt.Errorf("service %q: %w", code, err)
	}
	return ServiceIn(r, lang, def)
}
