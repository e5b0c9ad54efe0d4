# Sourced by bin/reindex and bin/retag after bin/version.sh: `service_jar <module>` prints the module's exec jar,
# building it first when it is missing or older than any source or pom of the project (a jar left from an earlier
# checkout would otherwise run old code against the current topics and index).
service_jar() {
  local module=$1
  local jar="$module/target/$module-$PROJECT_VERSION-exec.jar"
  if [ ! -f "$jar" ] || [ -n "$(find . -name target -prune -o -name .git -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit)" ]; then
    echo "Building $jar (missing or older than the sources) ..." >&2
    ./mvnw -q -B package -DskipTests -pl "$module" -am >&2
  fi
  echo "$jar"
}
