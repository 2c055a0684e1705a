package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	body := rec.Body.String()
	if Built() {
		if rec.Code != http.StatusOK || !strings.Contains(body, "<title>Chronicle") {
			t.Fatalf("GET / = %d %.200s", rec.Code, body)
		}
		rec = httptest.NewRecorder()
		Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
		if rec.Code != http.StatusOK || rec.Body.Len() < 1000 {
			t.Fatalf("GET /app.js = %d, %d bytes", rec.Code, rec.Body.Len())
		}
		return
	}
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(body, "npm run build") {
		t.Fatalf("unbuilt UI answered %d %q", rec.Code, body)
	}
}
