package open311

import (
	"encoding/xml"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

type serviceEl struct {
	ServiceCode string `xml:"service_code" json:"service_code"`
	ServiceName string `xml:"service_name" json:"service_name"`
	Description text   `xml:"description" json:"description"`
	Metadata    bool   `xml:"metadata" json:"metadata"`
	Type        string `xml:"type" json:"type"`
	Keywords    text   `xml:"keywords" json:"keywords"`
	Group       text   `xml:"group" json:"group"`
}

type servicesDoc struct {
	XMLName  xml.Name    `xml:"services"`
	Services []serviceEl `xml:"service"`
}

// services lists the active services. Every request gets its number at
// once, so every service is "realtime"; metadata says whether the service
// has questions of its own.
func (h *Handler) services(e *core.RequestEvent, f format) error {
	lang := h.lang(e)
	svcs, err := requests.Services(e.App, lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return err
	}
	out := make([]serviceEl, len(svcs))
	for i, s := range svcs {
		out[i] = serviceEl{
			ServiceCode: s.Code, ServiceName: s.Name, Description: text(s.Description), Metadata: len(s.Attributes) > 0,
			Type: "realtime", Keywords: text(s.Keywords), Group: text(s.Group),
		}
	}
	return write(e, f, 200, servicesDoc{Services: out}, out)
}

type definitionDoc struct {
	XMLName     xml.Name          `xml:"service_definition" json:"-"`
	ServiceCode string            `xml:"service_code" json:"service_code"`
	Attributes  list[attributeEl] `xml:"attributes" json:"attributes"`
}

type attributeEl struct {
	Variable            bool           `xml:"variable" json:"variable"`
	Code                string         `xml:"code" json:"code"`
	Datatype            string         `xml:"datatype" json:"datatype"`
	Required            bool           `xml:"required" json:"required"`
	DatatypeDescription text           `xml:"datatype_description" json:"datatype_description"`
	Order               int            `xml:"order" json:"order"`
	Description         string         `xml:"description" json:"description"`
	Values              *list[valueEl] `xml:"values,omitempty" json:"values,omitempty"`
}

type valueEl struct {
	Key  string `xml:"key" json:"key"`
	Name string `xml:"name" json:"name"`
}

// definition describes a service's questions. Orders are renumbered 1, 2, …
// in the clerk's order, since the spec wants unique positive orders.
func (h *Handler) definition(e *core.RequestEvent, f format, code string) error {
	lang, def := h.lang(e), h.town.Get().DefaultLanguage
	svc, err := requests.ServiceByCode(e.App, code, lang, def)
	if err != nil {
		return notFound("service_code %s was not found.", code)
	}
	doc := definitionDoc{ServiceCode: svc.Code, Attributes: list[attributeEl]{Name: "attribute", Items: []attributeEl{}}}
	for i, a := range svc.Attributes {
		el := attributeEl{
			Variable: true, Code: a.Code, Datatype: a.Datatype, Required: a.Required, Order: i + 1,
			DatatypeDescription: text(h.datatypeHelp(lang, a.Datatype)), Description: requests.In(a.Description, lang, def),
		}
		if a.Datatype == "singlevaluelist" || a.Datatype == "multivaluelist" {
			vals := &list[valueEl]{Name: "value"}
			for _, v := range a.Values {
				vals.Items = append(vals.Items, valueEl{Key: v.Key, Name: requests.In(v.Name, lang, def)})
			}
			el.Values = vals
		}
		doc.Attributes.Items = append(doc.Attributes.Items, el)
	}
	return write(e, f, 200, doc, doc)
}

// datatypeHelp tells what to send for a datatype whose form is not obvious.
func (h *Handler) datatypeHelp(lang, datatype string) string {
	switch datatype {
	case "datetime", "number", "multivaluelist":
		return h.bundle.T(lang, "developers.datatype."+datatype, nil)
	}
	return ""
}
