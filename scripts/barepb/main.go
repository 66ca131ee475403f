// Command barepb is a bare PocketBase serving a folder of static files:
// scripts/bench.sh serves a Townhall article's bytes with it, beside
// Townhall's cached article, to compare the two in one run (same
// framework and bytes, nothing of Townhall's).
//
//	go run ./scripts/barepb serve --dir DATA --http 127.0.0.1:18091 --publicDir DIR
package main

import (
	"log"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

func main() {
	app := pocketbase.New()
	var dir string
	app.RootCmd.PersistentFlags().StringVar(&dir, "publicDir", "pb_public", "the folder to serve")
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.InstallerFunc = nil
		se.Router.GET("/{path...}", apis.Static(os.DirFS(dir), false))
		return se.Next()
	})
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
