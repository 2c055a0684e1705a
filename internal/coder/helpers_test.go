package coder

import (
	"testing"

	"github.com/chronicle-dev/chronicle"
)

func dateOf(t testing.TB, s string) chronicle.Date {
	t.Helper()
	if s == "" {
		return chronicle.Date{Year: 1995, Month: 1, Day: 1}
	}
	d, err := chronicle.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func articleFor(text string, d chronicle.Date) chronicle.Article {
	return chronicle.Article{ID: "t", Date: d, Text: text}
}
