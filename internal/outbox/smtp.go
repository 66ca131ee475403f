package outbox

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"

	"github.com/domodwyer/mailyak/v3"
	"github.com/gabriel-vasile/mimetype"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// conversationLimit bounds one SMTP conversation, from dialling to the
// last reply: a server that stops answering frees the worker's line then at
// the latest (the attempt itself is given up after Options.SendTimeout).
const conversationLimit = 10 * time.Minute

// smtpSender speaks SMTP the way PocketBase's own client does (STARTTLS
// when offered, or TLS from the start; PLAIN or LOGIN auth), but it knows
// the moment the server takes a message: the 250 after DATA. It calls
// accepted then, before saying goodbye, so the outbox can record the
// message sent before anything else can go wrong.
type smtpSender struct {
	app      core.App
	cfg      core.SMTPConfig
	accepted func()
}

// Send passes m through the app's OnMailerSend hooks and sends it.
func (c *smtpSender) Send(m *mailer.Message) error {
	e := &core.MailerEvent{Mailer: c, Message: m}
	e.App = c.app
	return c.app.OnMailerSend().Trigger(e, func(e *core.MailerEvent) error {
		return c.converse(e.Message)
	})
}

// converse is one SMTP conversation for m.
func (c *smtpSender) converse(m *mailer.Message) error {
	body, err := buildMIME(m)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(conversationLimit)
	conn, err := (&net.Dialer{Deadline: deadline}).Dial("tcp", net.JoinHostPort(c.cfg.Host, strconv.Itoa(c.cfg.Port)))
	if err != nil {
		return err
	}
	defer conn.Close()
	if c.cfg.TLS {
		conn = tls.Client(conn, &tls.Config{ServerName: c.cfg.Host})
	}
	if err := conn.SetDeadline(deadline); err != nil {
		return err
	}
	client, err := smtp.NewClient(conn, c.cfg.Host)
	if err != nil {
		return err
	}
	if err := c.envelope(client, m); err != nil {
		return err
	}
	w, err := client.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(body); err != nil {
		return err
	}
	if err := w.Close(); err != nil { // reads the server's reply to the data
		return err
	}
	c.accepted()
	_ = client.Quit() // the message is taken: how the conversation ends changes nothing
	return nil
}

// envelope greets the server, secures and authenticates the connection as
// set up, and gives the sender and recipients.
func (c *smtpSender) envelope(client *smtp.Client, m *mailer.Message) error {
	if c.cfg.LocalName != "" {
		if err := client.Hello(c.cfg.LocalName); err != nil {
			return err
		}
	}
	if ok, _ := client.Extension("STARTTLS"); ok && !c.cfg.TLS {
		if err := client.StartTLS(&tls.Config{ServerName: c.cfg.Host}); err != nil {
			return err
		}
	}
	if c.cfg.Username != "" || c.cfg.Password != "" {
		var auth smtp.Auth = smtp.PlainAuth("", c.cfg.Username, c.cfg.Password, c.cfg.Host)
		if c.cfg.AuthMethod == mailer.SMTPAuthLogin {
			auth = &loginAuth{c.cfg.Username, c.cfg.Password}
		}
		if err := client.Auth(auth); err != nil {
			return err
		}
	}
	if err := client.Mail(m.From.Address); err != nil {
		return err
	}
	for _, list := range [][]mail.Address{m.To, m.Cc, m.Bcc} {
		for _, a := range list {
			if err := client.Rcpt(a.Address); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildMIME writes m as PocketBase's SMTP client would.
func buildMIME(m *mailer.Message) ([]byte, error) {
	yak := mailyak.New("", nil)
	if m.From.Name != "" {
		yak.FromName(m.From.Name)
	}
	yak.From(m.From.Address)
	yak.Subject(m.Subject)
	yak.HTML().Set(m.HTML)
	yak.Plain().Set(m.Text)
	yak.To(addresses(m.To)...)
	yak.Cc(addresses(m.Cc)...)
	yak.Bcc(addresses(m.Bcc)...)
	for name, r := range m.Attachments {
		var head bytes.Buffer
		mt, err := mimetype.DetectReader(io.TeeReader(r, &head))
		if err != nil {
			return nil, err
		}
		yak.AttachWithMimeType(name, io.MultiReader(&head, r), mt.String())
	}
	for k, v := range m.Headers {
		yak.AddHeader(k, v)
	}
	buf, err := yak.MimeBuf()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// addresses are the header forms of list, with names.
func addresses(list []mail.Address) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Address
		if a.Name != "" {
			out[i] = a.String()
		}
	}
	return out
}

// loginAuth is AUTH LOGIN, which some providers (Outlook) still require.
// Like net/smtp's PLAIN, it sends the password only over TLS or to
// localhost.
type loginAuth struct{ username, password string }

func (a *loginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && server.Name != "localhost" && server.Name != "127.0.0.1" && server.Name != "::1" {
		return "", nil, errors.New("unencrypted connection")
	}
	return "LOGIN", nil, nil
}

func (a *loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(string(fromServer)) {
	case "username:":
		return []byte(a.username), nil
	case "password:":
		return []byte(a.password), nil
	}
	return nil, nil
}
