package outbox

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// RouteAllMail makes every email PocketBase itself sends (new-device
// alerts, codes and links asked for through its API, backup-failure alerts
// to the clerk) go through the outbox too, so no mail is lost while SMTP is
// not set up, and none leaves by the sendmail fallback. The worker's own
// sends carry its Message-ID and pass straight through.
func RouteAllMail(app core.App) {
	app.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		if strings.HasPrefix(e.Message.Headers["Message-ID"], "<outbox.") {
			return e.Next()
		}
		for _, to := range e.Message.To {
			headers := map[string]string{}
			for k, v := range e.Message.Headers {
				if validHeader(k, v) {
					headers[k] = v
				}
			}
			_, err := Queue(e.App, Message{
				To: to.Address, ToName: to.Name, Subject: e.Message.Subject, Text: e.Message.Text, HTML: e.Message.HTML,
				Headers: headers, DedupeKey: "pocketbase:" + core.GenerateDefaultRandomId(), Kind: "pocketbase",
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}
