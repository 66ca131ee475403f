package sms

import (
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/outbox"
)

// maxPicture is the largest picture kept, as on the request form.
const maxPicture = 8 << 20

// fetched is a picture sent with a text, or why it could not be kept.
type fetched struct {
	files  []*filesystem.File
	failed []string // addresses, for the staff's note
}

// fetchMedia downloads the pictures of a text. Twilio's media addresses
// may require the account's credentials (HTTP basic auth), so they are
// sent to the provider's own address only.
func (c *Channel) fetchMedia(app core.App, s outbox.SMSSettings, urls []string) fetched {
	var out fetched
	for i, u := range urls {
		f, err := c.fetchOne(s, u, i)
		if err != nil {
			app.Logger().Warn("sms: fetch a picture", "error", err)
			out.failed = append(out.failed, u)
			continue
		}
		out.files = append(out.files, f)
	}
	return out
}

func (c *Channel) fetchOne(s outbox.SMSSettings, u string, i int) (*filesystem.File, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if s.BaseURL != "" && strings.HasPrefix(u, strings.TrimRight(s.BaseURL, "/")+"/") {
		req.SetBasicAuth(s.Account, s.Secret)
	}
	client := c.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("picture %s: HTTP %d", u, resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxPicture+1))
	if err != nil || len(data) > maxPicture {
		return nil, fmt.Errorf("picture %s: too large or cut off (%v)", u, err)
	}
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/heic": ".heic"}[resp.Header.Get("Content-Type")]
	if ext == "" {
		ext = path.Ext(u)
	}
	return filesystem.NewFileFromBytes(data, fmt.Sprintf("text-photo-%d%s", i+1, ext))
}
