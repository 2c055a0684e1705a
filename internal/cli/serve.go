package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/chronicle-dev/chronicle/internal/api"
	"github.com/chronicle-dev/chronicle/internal/pipeline"
	"github.com/chronicle-dev/chronicle/internal/store"
	"github.com/chronicle-dev/chronicle/internal/web"
)

func runServe(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "serve", "[--db FILE] [--addr 127.0.0.1:8080] [--dict DIR]")
	db := fs.String("db", "", "database file (default $CHRONICLE_DB, else ./chronicle.db)")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; loopback unless you mean to expose the server")
	dict := fs.String("dict", "", "dictionaries for coding posted articles (default: built-in)")
	pos, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		fs.Usage()
		return ExitUsage
	}
	st, err := store.Open(ctx, dbPath(env, *db))
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle serve: %v\n", err)
		return ExitFailure
	}
	defer st.Close()
	var coding *pipeline.Coding
	if env.Getenv("CHRONICLE_TOKEN") != "" {
		if coding, err = pipeline.Load(ctx, pipeline.Config{DictDir: *dict, Options: pipeline.EventDataOptions()}); err != nil {
			fmt.Fprintf(env.Stderr, "chronicle serve: %v\n", err)
			return ExitFailure
		}
	}
	return serveStore(ctx, env, st, coding, *addr)
}

// apiIngester lets the API store and code posted articles.
type apiIngester struct {
	st     *store.Store
	coding *pipeline.Coding
}

func (a apiIngester) IngestJSON(ctx context.Context, body io.Reader) (api.IngestReport, error) {
	var errs []string
	rep, err := pipeline.IngestJSON(ctx, a.st, a.coding, body, pipeline.Options{Reject: func(err error) {
		if len(errs) < 100 {
			errs = append(errs, err.Error())
		}
	}})
	return api.IngestReport{Read: rep.Read, New: rep.New, Duplicates: rep.Duplicate, NearDuplicate: rep.NearDuplicate,
		Rejected: rep.Rejected + rep.Conflict, Events: rep.Mentions, Errors: errs}, err
}

// serveStore serves the API and UI until ctx is cancelled. coding may be
// nil: posting articles is then disabled.
func serveStore(ctx context.Context, env Env, st *store.Store, coding *pipeline.Coding, addr string) int {
	srv := &api.Server{Store: st, UI: web.Handler(), Token: env.Getenv("CHRONICLE_TOKEN")}
	if coding != nil && srv.Token != "" {
		srv.Ingester = apiIngester{st, coding}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "chronicle serve: %v\n", err)
		return ExitFailure
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(env.Stderr, "chronicle serve: listening on %s, reachable from other machines\n", ln.Addr())
	}
	hs := api.NewHTTPServer(addr, srv.Handler())
	fmt.Fprintf(env.Stdout, "Chronicle is serving on http://%s/  (API: http://%s/api/openapi.json; Ctrl-C stops)\n", ln.Addr(), ln.Addr())
	if !web.Built() {
		fmt.Fprintln(env.Stderr, "chronicle serve: the web UI is not built into this binary: (cd web && npm ci && npm run build), then rebuild")
	}
	if srv.Ingester == nil {
		fmt.Fprintln(env.Stderr, "chronicle serve: POST /api/articles is disabled (set CHRONICLE_TOKEN to enable it)")
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = hs.Shutdown(sctx)
		cancel()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(env.Stderr, "chronicle serve: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}
