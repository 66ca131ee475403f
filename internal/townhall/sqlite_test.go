package townhall_test

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/townhall"
)

// Every connection, the readers' and the writer's, keeps PocketBase's
// pragmas but a small page cache, and the readers' pool is bounded, so the
// memory SQLite holds does not grow with the data.
func TestSQLiteIsSizedForASmallBox(t *testing.T) {
	cfg := townhall.PocketBaseConfig()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir(), DBConnect: cfg.DBConnect,
		DataMaxOpenConns: cfg.DataMaxOpenConns, DataMaxIdleConns: cfg.DataMaxIdleConns,
		AuxMaxOpenConns: cfg.AuxMaxOpenConns, AuxMaxIdleConns: cfg.AuxMaxIdleConns})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer app.ResetBootstrapState()
	for name, db := range map[string]dbx.Builder{"readers": app.ConcurrentDB(), "writer": app.NonconcurrentDB(),
		"logs": app.AuxConcurrentDB()} {
		var cache, fk int
		var journal string
		if err := db.NewQuery("PRAGMA cache_size").Row(&cache); err != nil {
			t.Fatal(err)
		}
		if err := db.NewQuery("PRAGMA foreign_keys").Row(&fk); err != nil {
			t.Fatal(err)
		}
		if err := db.NewQuery("PRAGMA journal_mode").Row(&journal); err != nil {
			t.Fatal(err)
		}
		if cache != -townhall.CacheKiB || fk != 1 || journal != "wal" {
			t.Errorf("%s: cache_size %d, foreign_keys %d, journal %s", name, cache, fk, journal)
		}
	}
	if n := app.ConcurrentDB().(*dbx.DB).DB().Stats().MaxOpenConnections; n != townhall.MaxOpenConns {
		t.Errorf("readers' pool holds up to %d connections, want %d", n, townhall.MaxOpenConns)
	}
}
