package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

type serviceGroup struct {
	Department town.Department
	Services   []*requests.Service
}

// services lists every service, grouped by department.
func (h *Handler) services(e *core.RequestEvent, lang string) error {
	v := h.view(e, lang, "/services")
	def := v.Town.DefaultLanguage
	services, err := requests.Services(e.App, lang, def)
	if err != nil {
		return h.fail(e, lang, err)
	}
	depts, err := town.Departments(e.App, lang, def)
	if err != nil {
		return h.fail(e, lang, err)
	}
	var groups []serviceGroup
	for _, d := range depts {
		g := serviceGroup{Department: d}
		for _, s := range services {
			if s.DepartmentID == d.ID {
				g.Services = append(g.Services, s)
			}
		}
		if len(g.Services) > 0 {
			groups = append(groups, g)
		}
	}
	v.Title = h.bundle.T(lang, "services.title", nil)
	v.Description = h.bundle.T(lang, "services.intro", nil)
	v.Data = groups
	return h.render(e, 200, "services", v)
}

type serviceData struct {
	Service    *requests.Service
	Department town.Department
	Articles   []*kb.Page
}

// service shows what a service is, what to have ready, who handles it, the
// articles that may answer the question, and the button to request it.
func (h *Handler) service(e *core.RequestEvent, lang string) error {
	code := e.Request.PathValue("code")
	def := h.town.Get().DefaultLanguage
	s, err := requests.ServiceByCode(e.App, code, lang, def)
	if err != nil {
		return h.notFound(e, lang)
	}
	d := serviceData{Service: s}
	if r, err := e.App.FindRecordById("departments", s.DepartmentID); err == nil {
		d.Department = town.DepartmentIn(r, lang, def)
	}
	if d.Articles, err = kb.List(e.App, lang, "", s.ID); err != nil {
		return h.fail(e, lang, err)
	}
	v := h.view(e, lang, "/services/"+code)
	v.Title = s.Name
	v.Description = s.Description
	v.Data = d
	return h.render(e, 200, "service", v)
}
