// Example hook: this folder is for the town's own small tweaks, written in
// JavaScript and loaded when Townhall starts (no rebuild needed). Core logic
// lives in Go; hooks are optional. Files must end in .pb.js.
//
// Docs: https://pocketbase.io/docs/js-overview/
//
// This one adds GET /api/townhall/ping, which answers {"ok": true}: handy to
// check from a monitoring service that the town site is up.
routerAdd("GET", "/api/townhall/ping", (e) => {
    return e.json(200, { ok: true })
})
