// Package web serves Chronicle's analyst UI: the bundle that `npm run
// build` in web/ writes to dist/, embedded in the binary. Without the
// bundle (Node was not available at build time) it answers every page
// with instructions to build it; the API keeps working.
package web

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed all:dist
var dist embed.FS

// Built reports whether the UI bundle was embedded.
func Built() bool {
	_, err := fs.Stat(dist, "dist/index.html")
	return err == nil
}

// Handler serves the UI.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil || !Built() {
		return http.HandlerFunc(notBuilt)
	}
	files := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".js") || strings.HasSuffix(r.URL.Path, ".css") {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}

func notBuilt(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write([]byte("Chronicle's web UI was not built into this binary.\n\n" +
		"Build it with Node.js 20+:  (cd web && npm ci && npm run build)  then rebuild chronicle.\n" +
		"The JSON API is available under /api/ (see /api/openapi.json).\n"))
}
