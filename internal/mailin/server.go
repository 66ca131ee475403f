package mailin

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/pocketbase/pocketbase/core"
)

// Server is the inbound SMTP listener.
type Server struct {
	app    core.App
	cfg    Config
	intake *Intake
	rate   *hourly
	check  *senderCheck

	mu       sync.Mutex
	smtp     *smtp.Server
	addr     net.Addr
	stopping bool
	inflight sync.WaitGroup // messages being stored
	ended    atomic.Int64   // sessions that have ended, for tests to wait on
}

// SessionsEnded is how many SMTP sessions have ended since the server was
// made: when it moves, everything the session did (or refused) is done.
func (s *Server) SessionsEnded() int64 { return s.ended.Load() }

// New returns a listener that hands messages to in; Start opens it.
func New(app core.App, in *Intake, cfg Config) *Server {
	cfg = cfg.withDefaults()
	return &Server{app: app, cfg: cfg, intake: in, rate: newHourly(cfg.MessagesPerIPPerHour, cfg.Trusted, cfg.Now), check: newSenderCheck(cfg)}
}

// Register starts the listener when the app serves and stops it when the
// app terminates. A listener that cannot start (the port is taken) is
// logged and the rest of Townhall runs on.
func Register(app core.App, in *Intake, cfg Config) *Server {
	s := New(app, in, cfg)
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		// After the rest of serve's start-up, so the town (its mail domain)
		// is loaded.
		if err := e.Next(); err != nil {
			return err
		}
		if err := s.Start(); err != nil {
			e.App.Logger().Error("mailin: the SMTP listener did not start; no email is received", "addr", s.cfg.Addr, "error", err)
		}
		return nil
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		s.Stop()
		return e.Next()
	})
	return s
}

// Start opens the listener and serves it in the background.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.smtp != nil || s.cfg.Addr == "" || s.cfg.Addr == "off" {
		return nil
	}
	srv := smtp.NewServer(s)
	srv.Domain = s.hostname()
	srv.MaxMessageBytes, srv.MaxRecipients, srv.MaxLineLength = s.cfg.MaxMessageBytes, s.cfg.MaxRecipients, s.cfg.MaxLineLength
	srv.ReadTimeout, srv.WriteTimeout = s.cfg.ReadTimeout, s.cfg.WriteTimeout
	srv.AllowInsecureAuth = false // and no AuthSession: no AUTH at all
	srv.ErrorLog = errorLog{s.app.Logger()}
	if s.cfg.TLSCert != "" && s.cfg.TLSKey != "" {
		cert, err := tls.LoadX509KeyPair(s.cfg.TLSCert, s.cfg.TLSKey)
		if err != nil {
			return fmt.Errorf("load the SMTP certificate: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	l, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen for SMTP on %s: %w", s.cfg.Addr, err)
	}
	gl := &gatedListener{Listener: l, gate: newGate(s.cfg.MaxConnections, s.cfg.MaxConnectionsPerIP, s.cfg.ReservedForTrusted, s.cfg.Trusted),
		session: s.cfg.SessionTimeout, idle: s.cfg.IdleTimeout, grace: 10 * time.Second}
	s.smtp, s.addr, s.stopping = srv, l.Addr(), false
	go func() {
		if err := srv.Serve(gl); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			s.app.Logger().Error("mailin: the SMTP listener stopped", "error", err)
		}
	}()
	if domain := s.intake.Town.Get().MailDomain; domain == "" {
		s.app.Logger().Warn("mailin: the town record has no mail domain, so every message is refused; set it in the admin UI")
	}
	s.app.Logger().Info("mailin: receiving email", "addr", l.Addr().String(), "domain", s.intake.Town.Get().MailDomain,
		"starttls", srv.TLSConfig != nil)
	return nil
}

func (s *Server) hostname() string {
	if s.cfg.Hostname != "" {
		return s.cfg.Hostname
	}
	if d := s.intake.Town.Get().MailDomain; d != "" {
		return d
	}
	return "localhost"
}

// Addr is where the listener listens, once started.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Stop closes the listener and every connection, then waits for messages
// being stored: those finish and are kept (their senders may miss the 250
// and send again, which stores nothing new: see Intake.seen).
func (s *Server) Stop() {
	s.mu.Lock()
	srv := s.smtp
	s.smtp, s.addr, s.stopping = nil, nil, true
	s.mu.Unlock()
	if srv == nil {
		return
	}
	srv.Close()
	s.inflight.Wait()
}

// NewSession starts a session for a client that said EHLO.
func (s *Server) NewSession(c *smtp.Conn) (smtp.Session, error) {
	nc := c.Conn()
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	sc, _ := nc.(*sessionConn)
	ip := hostIP(nc.RemoteAddr())
	return &session{srv: s, conn: sc, ip: ip, smtp: c}, nil
}

var errShuttingDown = &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "Shutting down, try again later"}

// errTemporary is every internal failure, as the client sees it: the
// details are in the log, never in the reply.
var errTemporary = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Temporary local problem, please try again later"}

// deliver hands a message to the intake and turns its error into a reply.
func (s *Server) deliver(env Envelope, raw []byte) error {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		return errShuttingDown
	}
	s.inflight.Add(1)
	s.mu.Unlock()
	defer s.inflight.Done()
	return s.reply(s.intake.deliver(env, raw, s.check), "store a message", "ip", env.RemoteIP, "return_path", env.ReturnPath)
}

// reply passes an *smtp.SMTPError on, and logs any other error and answers 451.
func (s *Server) reply(err error, what string, attrs ...any) error {
	var se *smtp.SMTPError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return se
	}
	s.app.Logger().Error("mailin: could not "+what, append(attrs, "error", err.Error())...)
	return errTemporary
}

// errorLog sends go-smtp's own messages (connection errors) to the app log.
type errorLog struct{ log *slog.Logger }

func (l errorLog) Printf(format string, v ...any) { l.log.Warn("mailin: " + fmt.Sprintf(format, v...)) }
func (l errorLog) Println(v ...any)               { l.log.Warn("mailin: " + fmt.Sprint(v...)) }
