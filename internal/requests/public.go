package requests

import (
	"net/url"

	"github.com/pocketbase/pocketbase/core"
)

// What the public sees of a request: its public pages, the public list,
// Open311 and the feeds. The reporter and staff see the stored fields.

// PublicDescription is the description as the public may read it, and
// whether it is withheld. Staff publish one by filling published_description;
// until then, text that came by email or text message is withheld (it is
// often signed with a name, address and phone number), and text from the
// other channels is shown with MaskPersonal applied.
func PublicDescription(r *core.Record) (text string, withheld bool) {
	if p := r.GetString("published_description"); p != "" {
		return MaskPersonal(p), false
	}
	desc := r.GetString("description")
	switch r.GetString("channel") {
	case ChannelEmail, ChannelSMS:
		return "", desc != ""
	}
	return MaskPersonal(desc), false
}

// PublicAddress is the location as the public sees it: the address staff
// published word for word, or else the street without the house or unit
// number (StreetOnly).
func PublicAddress(r *core.Record) string {
	if p := r.GetString("published_address"); p != "" {
		return p
	}
	return StreetOnly(r.GetString("address"))
}

// PublicEntries is a timeline as the public sees it: every body passed
// through MaskPersonal.
func PublicEntries(entries []Entry) []Entry {
	out := make([]Entry, len(entries))
	for i, en := range entries {
		en.Body = MaskPersonal(en.Body)
		out[i] = en
	}
	return out
}

// IsStaff reports whether u works for the town: staff see requests as filed.
func IsStaff(u *core.Record) bool {
	return u != nil && (u.IsSuperuser() || u.GetString("role") == "staff")
}

// PhotoPath is the site's address of a request's photo. Photos are
// protected files: the site serves a public request's photos to anyone and
// a private request's only to its reporter (signed in, or with the signed
// key as ?key=) and staff.
func PhotoPath(number, name string) string {
	return "/files/requests/" + url.PathEscape(number) + "/" + url.PathEscape(name)
}
