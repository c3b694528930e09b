# Sourced by run.sh, test.sh and .ci/run: finds a JDK 25 and exports JAVA_HOME and PATH for it.
# Order: $JAVA_HOME, then the JDKs installed in the usual folders, then `java` on the PATH.
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
find_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ "$(jdk_major "$candidate")" = 25 ] && { echo "$candidate"; return; }
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    [ "$(jdk_major "$candidate")" = 25 ] && { echo "$candidate"; return; }
  fi
  return 1
}
if ! JAVA_HOME=$(find_jdk25); then
  echo "This project needs a JDK 25 (none found in JAVA_HOME, /usr/lib/jvm or on the PATH): install one, e.g. Temurin 25, and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
