package requests

import (
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Kinds of service form: the form's wording follows its kind.
const (
	KindProblem     = "problem"     // what is wrong, and where
	KindApplication = "application" // what is asked for: a licence, a permit, a copy
	KindQuestion    = "question"    // a question for the town
)

// kindOf is a service record's kind; an empty one is a problem report.
func kindOf(r *core.Record) string {
	if k := r.GetString("kind"); k != "" {
		return k
	}
	return KindProblem
}

// Text is the service's text from a per-language map (a question, a
// choice), in the language the service was read in.
func (s *Service) Text(m map[string]string) string { return In(m, s.lang, s.def) }

// has is what a request brings toward a service's needs, whatever its channel.
type has struct {
	channel, description, address string
	location, contact             bool
}

// needs checks what the service requires of every request: a place, a
// description, a way to answer. An email cannot fill in a separate place:
// it is filed all the same and the clerk asks, as for the form's questions.
func (s *Service) needs(h has, verr *ValidationError) {
	if s.NeedsDescription && strings.TrimSpace(h.description) == "" {
		verr.Add("description", "request.error.description_needed."+s.Kind, nil)
	}
	if s.NeedsLocation && h.channel != ChannelEmail && strings.TrimSpace(h.address) == "" && !h.location {
		verr.Add("address", "request.error.address_needed."+s.Kind, nil)
	}
	if s.NeedsContact && !h.contact && verr.For("contact_email") == nil {
		verr.Add("contact_email", "request.error.contact_needed", nil)
	}
}

// inputHas is what in brings.
func inputHas(in Input) has {
	return has{channel: in.Channel, description: in.Description, address: in.Address,
		location: in.Location != nil && (in.Location.Lat != 0 || in.Location.Lon != 0),
		contact:  in.ReporterID != "" || strings.TrimSpace(in.ContactEmail) != "" || strings.TrimSpace(in.ContactPhone) != ""}
}

// recordHas is what a request record brings: a request the clerk enters
// in the admin UI is held to the same needs as one sent from the site.
func recordHas(r *core.Record) has {
	loc := r.GetGeoPoint("location")
	return has{channel: r.GetString("channel"), description: r.GetString("description"), address: r.GetString("address"),
		location: loc.Lat != 0 || loc.Lon != 0,
		contact:  r.GetString("reporter") != "" || r.GetString("contact_email") != "" || r.GetString("contact_phone") != ""}
}

// needMessages are the English words of the needs, for the admin UI
// (PocketBase's dashboard speaks English); the site and the API say them in
// the reader's language from the locale files.
var needMessages = map[string]string{
	"description":   "This service needs a description",
	"address":       "This service needs a place: an address or a point on the map",
	"contact_email": "This service needs a way to answer: a resident, an email address or a phone number",
}

// recordNeeds holds a new request record to its service's needs, as field
// errors the admin UI shows beside each field.
func recordNeeds(svcRec, r *core.Record) error {
	s := &Service{Kind: kindOf(svcRec), NeedsLocation: svcRec.GetBool("needs_location"),
		NeedsDescription: svcRec.GetBool("needs_description"), NeedsContact: svcRec.GetBool("needs_contact")}
	verr := &ValidationError{}
	s.needs(recordHas(r), verr)
	if len(verr.Fields) == 0 {
		return nil
	}
	out := validation.Errors{}
	for _, f := range verr.Fields {
		out[f.Field] = validation.NewError("validation_required", needMessages[f.Field])
	}
	return out
}
