package web

import (
	"strconv"
	"strings"

	"github.com/townhall/townhall/internal/requests"
)

// The question editor's form: each question's fields are named
// q.N.code, q.N.datatype, q.N.required, q.N.description.LANG,
// q.N.help.LANG and q.N.values (one choice a line: key | name in each
// language, in the town's order), and "count" says how many there are; the
// block after the last (q.count.…) adds a question when its code is filled.

// questionsForm writes qs into f's values.
func (h *Handler) questionsForm(f *Form, qs []requests.Attribute) {
	langs := h.town.Get().Languages
	set := func(k, v string) { f.Values[k] = []string{v} }
	set("count", strconv.Itoa(len(qs)))
	for i, q := range qs {
		p := "q." + strconv.Itoa(i) + "."
		set(p+"code", q.Code)
		set(p+"datatype", q.Datatype)
		if q.Required {
			set(p+"required", "on")
		}
		if q.Negative {
			set(p+"negative", "on")
		}
		for _, l := range langs {
			set(p+"description."+l, q.Description[l])
			set(p+"help."+l, q.Help[l])
		}
		var lines []string
		for _, v := range q.Values {
			parts := []string{v.Key}
			for _, l := range langs {
				parts = append(parts, v.Name[l])
			}
			lines = append(lines, strings.Join(parts, " | "))
		}
		set(p+"values", strings.Join(lines, "\n"))
	}
}

// postedQuestions reads the questions as posted, with the new one when
// anything of it was filled in.
func (h *Handler) postedQuestions(f *Form) []requests.Attribute {
	langs := h.town.Get().Languages
	count, _ := strconv.Atoi(f.Get("count"))
	count = min(max(count, 0), requests.MaxQuestions+1)
	var qs []requests.Attribute
	for i := 0; i <= count; i++ {
		p := "q." + strconv.Itoa(i) + "."
		q := requests.Attribute{Code: strings.TrimSpace(f.Get(p + "code")), Datatype: f.Get(p + "datatype"),
			Required: f.Get(p+"required") == "on", Negative: f.Get(p+"negative") == "on",
			Description: map[string]string{}, Help: map[string]string{}}
		typed := q.Code != ""
		for _, l := range langs {
			if d := strings.TrimSpace(f.Get(p + "description." + l)); d != "" {
				q.Description[l], typed = d, true
			}
			if hint := strings.TrimSpace(f.Get(p + "help." + l)); hint != "" {
				q.Help[l] = hint
			}
		}
		if i == count && !typed {
			continue // the blank block for a new question
		}
		q.Values = choices(f.Get(p+"values"), langs)
		qs = append(qs, q)
	}
	return qs
}

// choices reads "key | English | Español" lines.
func choices(text string, langs []string) []requests.Value {
	var out []requests.Value
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "|")
		v := requests.Value{Key: strings.TrimSpace(parts[0]), Name: map[string]string{}}
		for i, l := range langs {
			if i+1 < len(parts) && strings.TrimSpace(parts[i+1]) != "" {
				v.Name[l] = strings.TrimSpace(parts[i+1])
			}
		}
		out = append(out, v)
	}
	return out
}
