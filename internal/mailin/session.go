package mailin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-smtp"
)

// session is one client's SMTP conversation: it checks the envelope, reads
// the message under the size limit and hands it on, nothing more.
type session struct {
	srv        *Server
	conn       *sessionConn
	smtp       *smtp.Conn // for the name the client gave in EHLO
	ip         string
	returnPath string
	to         []Target
	errors     int
}

var (
	errRate     = &smtp.SMTPError{Code: 450, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "Too many messages from your address, try again later"}
	errLongLine = &smtp.SMTPError{Code: 500, EnhancedCode: smtp.EnhancedCode{5, 5, 2}, Message: "Line too long"}
	errDataLost = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 4, 2}, Message: "The message did not arrive whole, try again"}
)

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.srv.rate.allow(s.ip) {
		return s.refuse(errRate)
	}
	s.returnPath, s.to = from, nil
	s.progress()
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	t, err := s.srv.intake.Recipient(to)
	if err != nil {
		return s.refuse(s.srv.reply(err, "check a recipient", "ip", s.ip, "rcpt", to))
	}
	for _, have := range s.to {
		if have.Address == t.Address {
			return nil
		}
	}
	s.to = append(s.to, t)
	s.progress()
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := s.read(r)
	env := Envelope{ReturnPath: s.returnPath, To: s.to, RemoteIP: s.ip}
	if s.smtp != nil {
		env.Helo = s.smtp.Hostname()
	}
	switch {
	case errors.Is(err, smtp.ErrDataTooLarge):
		return s.srv.intake.refuse(env, headerOnly(raw), smtp.ErrDataTooLarge,
			fmt.Sprintf("too large: more than %d bytes", s.srv.cfg.MaxMessageBytes))
	case errors.Is(err, smtp.ErrTooLongLine):
		return s.srv.intake.refuse(env, headerOnly(raw), errLongLine,
			fmt.Sprintf("a line longer than %d bytes", s.srv.cfg.MaxLineLength))
	case err != nil:
		return errDataLost // the connection is gone or timed out: nothing was stored
	}
	return s.srv.deliver(env, raw)
}

// read takes the whole message, or what came of it before an error. Each chunk renews the read deadline, so a
// large message on a slow line is not cut off while it keeps coming; the
// session's own deadline still bounds it.
func (s *session) read(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	chunk := make([]byte, 32<<10)
	for {
		s.progress()
		if s.conn != nil {
			s.conn.SetReadDeadline(time.Now().Add(s.srv.cfg.ReadTimeout))
		}
		n, err := r.Read(chunk)
		buf.Write(chunk[:n])
		if errors.Is(err, io.EOF) {
			return buf.Bytes(), nil
		}
		if err != nil {
			return buf.Bytes(), err
		}
	}
}

// refuse counts a refused command. After a few, each costs the client a
// second; after MaxErrors the connection is closed, as postfix does.
func (s *session) refuse(err error) error {
	s.errors++
	if s.errors > 3 {
		time.Sleep(time.Second)
	}
	if s.errors >= s.srv.cfg.MaxErrors && s.conn != nil {
		s.conn.expire()
	}
	return err
}

// progress tells the connection the client got somewhere, which moves its
// idle deadline; NOOP, RSET, HELP, VRFY and another EHLO do not.
func (s *session) progress() {
	if s.conn != nil {
		s.conn.progress()
	}
}

func (s *session) Reset()        { s.returnPath, s.to = "", nil }
func (s *session) Logout() error { s.srv.ended.Add(1); return nil }
