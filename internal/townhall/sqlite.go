package townhall

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/osutils"
)

// SQLite sized for a small box (one core, 128 MB): PocketBase's defaults
// allow 120 reading connections with up to 32 MB of page cache each, so
// memory would grow with the data. Here each connection keeps at most
// CacheKiB of pages and at most MaxOpenConns read at once, about 18 MB
// of page cache in all (the writer included) whatever the data; the
// operating system's file cache keeps the rest of a hot database close.
// The readers stay open once opened (MaxIdleConns = MaxOpenConns): a
// connection closed after a burst and opened for the next one reads the
// schema again and starts with a cold cache, which on the storm day cost
// more than the pages served.
const (
	CacheKiB     = 512
	MaxOpenConns = 8
	MaxIdleConns = MaxOpenConns
	auxConns     = 4
)

// PocketBaseConfig is the PocketBase configuration townhall runs with:
// PocketBase's own defaults but for the SQLite pools and page caches.
func PocketBaseConfig() pocketbase.Config {
	return pocketbase.Config{
		DefaultDev:       osutils.IsProbablyGoRun(),
		DBConnect:        DBConnect,
		DataMaxOpenConns: MaxOpenConns,
		DataMaxIdleConns: MaxIdleConns,
		AuxMaxOpenConns:  auxConns,
		AuxMaxIdleConns:  1,
	}
}

// DBConnect opens a database as core.DefaultDBConnect does, with the same
// pragmas, but a page cache of CacheKiB per connection.
func DBConnect(dbPath string) (*dbx.DB, error) {
	pragmas := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)" +
		fmt.Sprintf("&_pragma=cache_size(-%d)&_defensive=1", CacheKiB)
	db, err := dbx.Open("sqlite", dbPath+pragmas)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dbPath, err)
	}
	return db, nil
}

var _ core.DBConnectFunc = DBConnect
