package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/town"
)

// departments is the directory: who does what, and how to reach them.
func (h *Handler) departments(e *core.RequestEvent, lang string) error {
	v := h.view(e, lang, "/departments")
	depts, err := town.Departments(e.App, lang, v.Town.DefaultLanguage)
	if err != nil {
		return h.fail(e, lang, err)
	}
	v.Title = h.bundle.T(lang, "departments.title", nil)
	v.Data = depts
	return h.render(e, 200, "departments", v)
}
