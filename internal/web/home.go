package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

type homeData struct {
	TopTasks []*requests.Service
}

// home shows the town, its top tasks, the search box and how to reach the
// clerk.
func (h *Handler) home(e *core.RequestEvent, lang string) error {
	v := h.view(e, lang, "/")
	services, err := requests.Services(e.App, lang, v.Town.DefaultLanguage)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := homeData{}
	for _, s := range services {
		if s.TopTask {
			d.TopTasks = append(d.TopTasks, s)
		}
	}
	v.Title = v.TownName
	v.Description = h.bundle.T(lang, "home.description", map[string]any{"Town": v.TownName})
	v.Data = d
	return h.render(e, 200, "home", v)
}
