# Sourced by bin/run, bin/test and .ci/run: export JAVA_HOME pointing at a JDK 21 or newer.
# The build needs Java 21+ (Spring Boot 4, Elasticsearch 9), while many machines default to 17.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21* \
      /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    local major
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven 3.9's Guice uses sun.misc.Unsafe, which JDK 24+ warns about on every build.
      if [ "$major" -ge 24 ]; then
        export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
      fi
      return 0
    fi
  done
  echo "No JDK 21 or newer found. Install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
  echo "Looked at: \$JAVA_HOME, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman/candidates/java/*" >&2
  return 1
}

pick_jdk || exit 1
