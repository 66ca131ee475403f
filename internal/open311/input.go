package open311

import (
	"math"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/upload"
)

// Limits on the parameters the domain does not check itself.
const (
	maxName   = 120 // first_name and last_name together
	maxPhone  = 40
	maxID     = 200 // device_id, account_id
	maxURL    = 2000
	maxPhotos = 5
)

// readInput turns a POST's parameters into the domain's Input, and the
// Open311 extras (media_url, device_id, account_id) into request fields.
// Problems with the parameters themselves are reported together; the
// domain then checks the answers against the service.
func readInput(r *http.Request, svc *requests.Service, lang string) (requests.Input, map[string]any, error) {
	in := requests.Input{
		ServiceCode: svc.Code, Description: r.FormValue("description"), Channel: requests.ChannelOpen311, Language: lang,
		Address:      query(r, "address_string"),
		ContactName:  strings.TrimSpace(query(r, "first_name") + " " + query(r, "last_name")),
		ContactEmail: query(r, "email"), ContactPhone: query(r, "phone"),
		Answers: attributes(r.Form),
	}
	bad := &apiError{Status: http.StatusBadRequest}
	problem := func(s string) { bad.Descriptions = append(bad.Descriptions, s) }
	loc, err := location(r)
	if err != nil {
		problem(err.Error())
	}
	in.Location = loc
	if in.Address == "" {
		// A client that knows only its own address id still gives the clerk
		// something to go on.
		in.Address = query(r, "address_id")
	}
	if loc == nil && in.Address == "" && err == nil {
		problem("A location is required: lat and long, address_string or address_id.")
	}
	if utf8.RuneCountInString(in.ContactName) > maxName {
		problem("first_name and last_name are too long: at most " + strconv.Itoa(maxName) + " characters together.")
	}
	if utf8.RuneCountInString(in.ContactPhone) > maxPhone {
		problem("phone is too long: at most " + strconv.Itoa(maxPhone) + " characters.")
	}
	extra := map[string]any{}
	for _, name := range []string{"device_id", "account_id"} {
		v := query(r, name)
		if utf8.RuneCountInString(v) > maxID {
			problem(name + " is too long: at most " + strconv.Itoa(maxID) + " characters.")
		}
		extra[name] = v
	}
	if m := query(r, "media_url"); m != "" {
		if u, err := url.Parse(m); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(m) > maxURL {
			problem("media_url must be an http or https URL of at most " + strconv.Itoa(maxURL) + " characters.")
		}
		extra["media_url"] = m
	}
	if in.Photos, err = media(r); err != nil {
		problem(err.Error())
	}
	if len(bad.Descriptions) > 0 {
		return in, nil, bad
	}
	return in, extra, nil
}

// location reads lat and long (WGS84), which come together or not at all.
func location(r *http.Request) (*types.GeoPoint, error) {
	latS, lonS := query(r, "lat"), query(r, "long")
	if latS == "" && lonS == "" {
		return nil, nil
	}
	if latS == "" || lonS == "" {
		return nil, badRequest("lat and long must be given together.")
	}
	lat, err1 := strconv.ParseFloat(latS, 64)
	lon, err2 := strconv.ParseFloat(lonS, 64)
	if err1 != nil || math.IsNaN(lat) || lat < -90 || lat > 90 {
		return nil, badRequest("lat must be a latitude in degrees (WGS84), from -90 to 90.")
	}
	if err2 != nil || math.IsNaN(lon) || lon < -180 || lon > 180 {
		return nil, badRequest("long must be a longitude in degrees (WGS84), from -180 to 180.")
	}
	if lat == 0 && lon == 0 {
		// Null Island: what a client sends when it has no fix. Taken as a
		// place it would be dropped later, and the request filed nowhere.
		return nil, badRequest("lat=0 and long=0 is not a place: send the real location, or address_string or address_id instead.")
	}
	return &types.GeoPoint{Lat: lat, Lon: lon}, nil
}

// attributes reads attribute[code]=v and, for a multivaluelist,
// attribute[code][]=v repeated. Codes the service does not ask about are
// ignored by the domain, as some clients send every field they have.
func attributes(form url.Values) map[string][]string {
	out := map[string][]string{}
	for k, vs := range form {
		rest, ok := strings.CutPrefix(k, "attribute[")
		if !ok {
			continue
		}
		rest = strings.TrimSuffix(rest, "[]")
		code, ok := strings.CutSuffix(rest, "]")
		if !ok || code == "" {
			continue
		}
		out[code] = append(out[code], vs...)
	}
	return out
}

// media reads the photos uploaded as "media" (the v2.1 draft) or
// "media[]". Pictures over the pixel limit are refused here; type and size
// are checked by the requests collection's photo field, as for the site's
// form.
func media(r *http.Request) ([]*filesystem.File, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var headers []*multipart.FileHeader
	headers = append(headers, r.MultipartForm.File["media"]...)
	headers = append(headers, r.MultipartForm.File["media[]"]...)
	if len(headers) > maxPhotos {
		return nil, badRequest("media: at most %d photos.", maxPhotos)
	}
	var out []*filesystem.File
	for _, fh := range headers {
		if fh.Size == 0 {
			continue
		}
		f, err := filesystem.NewFileFromMultipart(fh)
		if err != nil {
			return nil, badRequest("media: a file could not be read.")
		}
		if upload.TooLarge(upload.CheckFile(f)) { // from its header: never decoded
			return nil, badRequest("media: a picture is too large: at most %d megapixels.", upload.MaxMegapixels)
		}
		out = append(out, f)
	}
	return out, nil
}
