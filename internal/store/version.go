package store

import (
	"context"
	"fmt"
)

// DataVersion returns a number that changes whenever any connection, in
// this process or another, commits a change to the database. Caches of
// query results key on it: a result computed after reading version v is
// at least as new as v.
//
// It is SQLite's PRAGMA data_version, read on one connection the store
// keeps for that purpose: the pragma is per connection and counts the
// commits of every other connection, which includes the store's own
// writer. The call costs a few microseconds.
func (s *Store) DataVersion(ctx context.Context) (uint64, error) {
	s.verMu.Lock()
	defer s.verMu.Unlock()
	if s.verConn == nil {
		c, err := s.r.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("data version: %w", err)
		}
		s.verConn = c
	}
	var v int64
	// The pragma takes microseconds: it runs to the end even when the
	// caller's context is cancelled meanwhile, which would otherwise
	// interrupt and lose the connection.
	if err := s.verConn.QueryRowContext(context.WithoutCancel(ctx), "PRAGMA data_version").Scan(&v); err != nil {
		// A broken connection is replaced on the next call.
		s.verConn.Close()
		s.verConn = nil
		return 0, fmt.Errorf("data version: %w", err)
	}
	return uint64(v), nil
}

// closeVersionConn returns the data-version connection to the pool.
func (s *Store) closeVersionConn() {
	s.verMu.Lock()
	defer s.verMu.Unlock()
	if s.verConn != nil {
		s.verConn.Close()
		s.verConn = nil
	}
}
