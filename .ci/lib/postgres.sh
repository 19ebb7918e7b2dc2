# Sourced by scripts that run Concord on the local PostgreSQL (127.0.0.1:5432, user postgres):
# .ci/suites/scaleout-postgres.sh and bench/labeling/run.sh (BENCH_DB=postgres).
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA"

# An empty database of the given name.
fresh_postgres_database() {
  $PG -d postgres -c "drop database if exists $1" >/dev/null
  $PG -d postgres -c "create database $1" >/dev/null
}

# The database kind is fixed at build time: a PostgreSQL build in target/pg-build, beside the H2
# one in target/quarkus-app. Prints the jar to run.
build_for_postgres() {
  ./mvnw -q -B package -DskipTests -Dquarkus.profile=postgres -Dquarkus.package.output-directory=pg-build >&2
  echo target/pg-build/quarkus-run.jar
}
