package web

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/requests"
)

type articleData struct {
	Page     *kb.Page
	Fallback bool // shown in the default language: no translation yet
	Service  *requests.Service
	Facility *booking.Facility // the facility it is about: a Book button
	Program  *booking.Program  // the program it is about: a Register button
}

// article shows a knowledge-base page. A slug that exists only in the
// default language is shown in it, with a note, so a link never dead-ends.
func (h *Handler) article(e *core.RequestEvent, lang string) error {
	section, slug := e.Request.PathValue("section"), e.Request.PathValue("slug")
	def := h.town.Get().DefaultLanguage
	d := articleData{}
	page, err := kb.Find(e.App, lang, slug)
	if errors.Is(err, kb.ErrNotFound) && lang != def {
		page, err = kb.Find(e.App, def, slug)
		d.Fallback = true
	}
	if err != nil || page.Section != section {
		return h.notFound(e, lang)
	}
	d.Page = page
	translations, err := kb.Translations(e.App, page.TranslationKey)
	if err != nil {
		return h.fail(e, lang, err)
	}
	v := h.view(e, lang, "/help/"+section+"/"+slug)
	v.Alternates = h.alternates(lang, func(l string) string {
		if p, ok := translations[l]; ok {
			return p.Path()
		}
		return kb.PagePath(l, page.Section, page.Slug)
	})
	if page.ServiceID != "" {
		if r, err := e.App.FindRecordById("services", page.ServiceID); err == nil && r.GetBool("active") {
			d.Service, _ = requests.ServiceIn(r, lang, def)
		}
	}
	if page.Facility != "" {
		d.Facility, _ = h.bookings.FacilityBySlug(e.App, page.Facility, lang) // none: no button
	}
	if page.Program != "" {
		d.Program, _ = h.bookings.ProgramBySlug(e.App, page.Program, lang)
	}
	v.Title = page.Title
	v.Description = page.Summary
	v.Data = d
	return h.render(e, 200, "article", v)
}
