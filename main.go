// Command townhall is a town's service desk in one program: the public site
// and knowledge base, service requests, email and the clerk's admin UI, on
// PocketBase.
package main

import (
	"embed"
	"errors"
	"io/fs"
	"log"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/jsvm"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/townhall"
)

var (
	//go:embed all:pb_public
	publicFS embed.FS
	//go:embed locales
	localesFS embed.FS
	//go:embed content
	contentFS embed.FS
)

// version is set at build time by the Makefile.
var version = "dev"

func main() {
	// Two Go processors at least, even on a one-core box: with one, Go runs
	// a step of background work (the digest, the outbox) or a long page to
	// its end before it even looks at a request that has just arrived (it
	// asks the network poller only when idle, or every 10 ms); with two, the
	// kernel shares the core between them every few milliseconds. On a
	// storm day on one core this halved the pages' median (scripts/storm.sh).
	// GOMAXPROCS in the environment overrides it.
	if os.Getenv("GOMAXPROCS") == "" && runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2)
	}
	// SQLite pools and page caches sized for a small box (internal/townhall/sqlite.go).
	app := pocketbase.NewWithConfig(townhall.PocketBaseConfig())
	app.RootCmd.Version = version

	// ---------------------------------------------------------------
	// Flags
	// ---------------------------------------------------------------

	var hooksDir, publicDir string
	var cpuProfile, memProfile string
	var hooksWatch, demo, smtpCheckSenders bool
	var smtp mailin.Config
	flags := app.RootCmd.PersistentFlags()
	flags.StringVar(&hooksDir, "hooksDir", "", "folder of JavaScript hooks (default: pb_hooks next to pb_data)")
	flags.BoolVar(&hooksWatch, "hooksWatch", false, "restart when a file in the hooks folder changes")
	flags.StringVar(&publicDir, "publicDir", "", "serve static files from this folder instead of the built-in copy (for editing the stylesheet)")
	flags.BoolVar(&demo, "demo", true, "fill an empty database with the demo town of Alder Creek")
	flags.StringVar(&smtp.Addr, "smtp", "127.0.0.1:2525", `receive email on this address (":25" for a public mail server; "off" for none)`)
	flags.StringVar(&smtp.TLSCert, "smtpCert", "", "certificate (PEM) for STARTTLS on the email listener")
	flags.StringVar(&smtp.TLSKey, "smtpKey", "", "private key (PEM) for STARTTLS on the email listener")
	flags.StringSliceVar(&smtp.Trusted, "smtpTrusted", nil, "addresses of mail servers that forward to Townhall, exempt from per-address limits and believed about who sent a message")
	flags.BoolVar(&smtpCheckSenders, "smtpCheckSenders", true, "check DKIM, SPF and DMARC of received email with DNS look-ups (false: trust only the Authentication-Results of an --smtpTrusted mail server)")
	flags.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile to this file until the program stops (for measuring; see scripts/storm.sh)")
	flags.StringVar(&memProfile, "memprofile", "", "write a heap profile to this file when the program stops (for measuring)")
	_ = app.RootCmd.ParseFlags(os.Args[1:])
	smtp.NoSenderChecks = !smtpCheckSenders

	// ---------------------------------------------------------------
	// Plugins
	// ---------------------------------------------------------------

	// pb_hooks: optional JavaScript hooks for the town's own tweaks.
	jsvm.MustRegister(app, jsvm.Config{HooksDir: hooksDir, HooksWatch: hooksWatch})
	// `townhall migrate`: the schema itself lives in internal/schema.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Automigrate: false})

	// ---------------------------------------------------------------
	// Townhall
	// ---------------------------------------------------------------

	public := fs.FS(must(fs.Sub(publicFS, "pb_public")))
	if publicDir != "" {
		public = os.DirFS(publicDir)
	}
	_, err := townhall.Register(app, townhall.Config{
		Public:  public,
		Locales: must(fs.Sub(localesFS, "locales")),
		Content: must(fs.Sub(contentFS, "content")),
		Demo:    demo,
		Root:    app.RootCmd,
		SMTP:    smtp,
	})
	if err != nil {
		log.Fatal(err)
	}

	stopProfiles := startProfiles(cpuProfile, memProfile)
	err = app.Start()
	stopProfiles()
	if err != nil {
		log.Fatal(err)
	}
}

// startProfiles starts a CPU profile into cpu (if set) and returns what
// stops it and writes the heap profile into mem (if set). They are for
// measuring a run such as the storm day; `go tool pprof` reads them.
func startProfiles(cpu, mem string) (stop func()) {
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			log.Fatalf("cpuprofile: %v", err)
		}
		cpuFile = f
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Close(); err != nil {
				log.Printf("cpuprofile: %v", err)
			}
		}
		if mem == "" {
			return
		}
		f, err := os.Create(mem)
		if err == nil {
			err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
		}
		if err != nil {
			log.Printf("memprofile: %v", err)
		}
	}
}

func must(fsys fs.FS, err error) fs.FS {
	if err != nil {
		log.Fatal(err)
	}
	return fsys
}
