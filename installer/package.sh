#!/usr/bin/env bash
# Builds Flowdeck's installers on this OS: a jlink runtime (the JDK modules Flowdeck needs plus JavaFX), a jpackage
# app-image with two launchers (Flowdeck, the desktop; flowdeck-cli, the command line) set up for AppCDS, then the
# native packages this OS can make. The one place packaging is described: Maven's `package`
# profile (installer/pom.xml) and the CI workflow (.github/workflows/installers.yml) both call this script; on
# Windows it runs in Git Bash.
#
#   installer/package.sh --jars DIR --javafx DIR --out DIR --version X.Y.Z[-SUFFIX] [--types auto|"deb rpm"|...]
#                        [--cds yes|no]
#
# --jars     every runtime jar of the app and the CLI but JavaFX's (Maven copies them to installer/target/jars)
# --javafx   JavaFX's jars for this OS (the classifier jars are modular: jlink links them)
# --types    native package types; auto: deb (+ rpm where rpmbuild exists) on Linux, msi on Windows, dmg and pkg on
#            macOS; none: the app-image only
# --deb-compression  fast: gzip -1 (the test build); default: dpkg-deb's own (xz), for a release
# --cds      yes: the desktop launcher writes an AppCDS archive of its start-up classes into the user's cache
#            directory on its first run and starts from it afterwards (see step 2)
#
# Signing reads its secrets from the environment only, and is skipped (with a line saying so) when they are unset:
#   Windows: WINDOWS_SIGN_PFX_BASE64 (a base64 .pfx), WINDOWS_SIGN_PASSWORD, optional WINDOWS_TIMESTAMP_URL
#   macOS:   MACOS_SIGN_IDENTITY ("Developer ID Application: ..."), optional MACOS_KEYCHAIN; notarization with
#            APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jars="" javafx="" out="" version="" types="auto" cds="yes" compression="default"
while [ $# -gt 0 ]; do
    case "$1" in
        --jars) jars="$2"; shift 2 ;;
        --javafx) javafx="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --version) version="$2"; shift 2 ;;
        --types) types="$2"; shift 2 ;;
        --cds) cds="$2"; shift 2 ;;
        --deb-compression) compression="$2"; shift 2 ;;
        *) echo "package.sh: unknown option '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done
for required in jars javafx out version; do
    if [ -z "${!required}" ]; then
        echo "package.sh: --$required is required (see the comment at the top of $0)" >&2
        exit 2
    fi
done
: "${JAVA_HOME:?JAVA_HOME must name a JDK 25 with jlink and jpackage}"

case "$(uname -s)" in
    Linux*) os=linux ;;
    Darwin*) os=mac ;;
    MINGW*|MSYS*|CYGWIN*) os=windows ;;
    *) echo "package.sh: $(uname -s) is not an OS Flowdeck packages for" >&2; exit 2 ;;
esac
# Absolute paths: later steps run in other directories.
mkdir -p "$out"
jars="$(cd "$jars" && pwd)"; javafx="$(cd "$javafx" && pwd)"; out="$(cd "$out" && pwd)"
exe=""; sep=":"
if [ "$os" = windows ]; then
    exe=".exe"; sep=";"
    # Windows tools want Windows paths.
    jars="$(cygpath -w "$jars")"; javafx="$(cygpath -w "$javafx")"; mkdir -p "$out"; out="$(cygpath -w "$out")"
    here_native="$(cygpath -w "$here")"
else
    here_native="$here"
fi
jlink="$JAVA_HOME/bin/jlink$exe"
jpackage="$JAVA_HOME/bin/jpackage$exe"

# jpackage wants a plain number; a -SNAPSHOT build packages as its number.
number="${version%%-*}"
app_jar="flowdeck-app-$version.jar"
cli_jar="flowdeck-cli-$version.jar"
[ -f "$jars/$app_jar" ] || { echo "package.sh: $jars/$app_jar is missing: build the app first" >&2; exit 2; }
[ -f "$jars/$cli_jar" ] || { echo "package.sh: $jars/$cli_jar is missing: build the CLI first" >&2; exit 2; }

name=Flowdeck
# Fixed for good: Windows Installer recognises an upgrade of an installed Flowdeck by it.
upgrade_uuid="6f2b9f4e-3c1a-4d57-9a0e-5b8c2d7e41a3"
runtime="$out/runtime"
image_dir="$out/image"
work="$out/work"
rm -rf "$runtime" "$image_dir" "$work"
mkdir -p "$out" "$work/input" "$image_dir"
start_seconds=$SECONDS

# --- 1. The runtime ------------------------------------------------------------------------------------------------
# JDK modules: what jdeps reports for the shipped jars (java.desktop for JavaFX and Jackson's beans, java.management
# and jdk.management for Kafka's metrics, java.naming for logback and SASL, java.net.http for the OTLP sender and
# the RabbitMQ management client, java.security.* and jdk.security.* for SASL/GSSAPI and JAAS logins, java.sql for
# Jackson's date types), plus jdk.crypto.ec and jdk.charsets for TLS and payloads in any charset, jdk.zipfs and
# jdk.naming.dns for what libraries look up by name at run time. JavaFX comes from its modular Maven jars (decision
# 0023): there are no JavaFX jmods in Maven Central.
jdk_modules="java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss"
jdk_modules+=",java.security.sasl,java.sql,java.xml,jdk.unsupported,jdk.management,jdk.security.auth"
jdk_modules+=",jdk.security.jgss,jdk.crypto.ec,jdk.charsets,jdk.zipfs,jdk.naming.dns"
fx_modules="javafx.base,javafx.graphics,javafx.controls"
fx_path=""
fx_native_jar=""
for jar in "$javafx"/*.jar; do
    case "$(basename "$jar")" in
        *-linux.jar|*-linux-aarch64.jar|*-win.jar|*-mac.jar|*-mac-aarch64.jar)
            fx_path="${fx_path:+$fx_path$sep}$jar"
            case "$(basename "$jar")" in javafx-graphics-*) fx_native_jar="$jar" ;; esac ;;
    esac
done
[ -n "$fx_native_jar" ] || { echo "package.sh: no JavaFX graphics jar for this OS in $javafx" >&2; exit 2; }

echo "package.sh: linking the runtime ($jdk_modules,$fx_modules)"
# The natives JavaFX carries inside its jar are left out of the module image and put where a JDK keeps its native
# libraries (lib/, bin/ on Windows): JavaFX loads them from there as it would from jmods, instead of unpacking a
# copy into the user's home on every new version. bin/java stays: the sandbox starts its broker in a child JVM.
# The JDK's own native libraries carry debug symbols (libjvm.so alone some 10 MB of them): on Linux, where objcopy
# exists (binutils), jlink strips them.
strip_native=()
if [ "$os" = linux ] && command -v objcopy >/dev/null 2>&1; then
    strip_native=(--strip-native-debug-symbols exclude-debuginfo-files)
fi
"$jlink" --module-path "$fx_path" --add-modules "$jdk_modules,$fx_modules" \
    --exclude-resources "glob:/javafx.graphics/*.so,glob:/javafx.graphics/*.dll,glob:/javafx.graphics/*.dylib" \
    --strip-debug "${strip_native[@]}" --no-header-files --no-man-pages --compress zip-6 \
    --output "$runtime"
# The base CDS archive of the JDK's classes, dumped with the launchers' native-access option: the JVM compares the
# module options of dump and run, and on a difference prints an error on every start and drops the archived
# module graph. (Only the compressed-oops archive: a desktop app never runs a heap over 32 GB.)
native_access="--enable-native-access=javafx.graphics,ALL-UNNAMED"
"$runtime/bin/java$exe" "$native_access" -Xshare:dump -Xlog:cds=off -Xlog:aot=off >/dev/null
native_dir="$runtime/lib"; [ "$os" = windows ] && native_dir="$runtime/bin"
(cd "$work" && rm -rf natives && mkdir natives && cd natives && "$JAVA_HOME/bin/jar$exe" xf "$fx_native_jar")
find "$work/natives" -maxdepth 1 -type f \( -name '*.so' -o -name '*.dll' -o -name '*.dylib' \) \
    -exec cp {} "$native_dir/" \;
if [ "${#strip_native[@]}" -gt 0 ]; then
    for library in "$work"/natives/*.so; do objcopy --strip-debug "$native_dir/$(basename "$library")"; done
fi

# --- 2. The app-image ----------------------------------------------------------------------------------------------
cp "$jars"/*.jar "$work/input/"
# The app and the CLI each have a logback.xml of their own; on one shared class path only one would be found, so
# each launcher names its own copy.
(cd "$work" && "$JAVA_HOME/bin/jar$exe" xf "$jars/$app_jar" logback.xml && mv logback.xml input/logback-app.xml)
(cd "$work" && "$JAVA_HOME/bin/jar$exe" xf "$jars/$cli_jar" logback.xml && mv logback.xml input/logback-cli.xml)

icon_ext=png; [ "$os" = windows ] && icon_ext=ico; [ "$os" = mac ] && icon_ext=icns
icon="$here_native/src/icons/flowdeck.$icon_ext"

# The command line is a second launcher on the same runtime and class path: a console program on Windows, and no
# menu entry or shortcut anywhere (it would inherit the desktop app's).
cat > "$work/cli.properties" <<EOF
main-jar=$cli_jar
main-class=dev.flowdeck.cli.FlowdeckCli
java-options=$native_access -Dlogback.configurationFile=\$APPDIR/logback-cli.xml -Xshare:auto
win-console=true
linux-shortcut=false
win-shortcut=false
win-menu=false
EOF
cat > "$work/plan-files.properties" <<EOF
extension=plan.json
mime-type=application/vnd.flowdeck.replay-plan+json
description=Flowdeck replay plan
icon=$icon
EOF

# AppCDS: the runtime carries jlink's base archive of JDK classes. The archive of Flowdeck's own start-up classes
# cannot be made here and shipped: the JVM accepts it only for the very jar files it was made from (it checks their
# modification times), and every package format copies the jars anew. So the JVM writes it on the user's machine
# at the end of the first run (-XX:+AutoCreateSharedArchive) into the per-OS cache directory, and maps it from the
# second start on; a stale one (an upgrade) is rewritten the same way. The launcher expands the environment variable
# (jpackage 25); Launcher creates the folder, which the JVM does not.
case "$os" in
    linux) cds_file='$HOME/.cache/flowdeck/cds' ;;
    mac) cds_file='$HOME/Library/Caches/Flowdeck/cds' ;;
    windows) cds_file='$LOCALAPPDATA\Flowdeck\cache\cds' ;;
esac
cds_file="$cds_file/flowdeck-$version.jsa"
cds_options=()
if [ "$cds" = yes ]; then
    # -Xlog:cds=error: the first run's dump lists classes it leaves out (proxies, JFR events) as warnings.
    cds_options=(--java-options "-XX:SharedArchiveFile=$cds_file" --java-options "-XX:+AutoCreateSharedArchive"
        --java-options "-Dflowdeck.cds.archive=$cds_file" --java-options "-Xlog:cds=error")
fi

echo "package.sh: making the app-image"
"$jpackage" --type app-image --dest "$image_dir" --name "$name" --app-version "$number" \
    --vendor "Flowdeck" --description "A workstation for debugging Kafka and RabbitMQ systems" \
    --copyright "Flowdeck contributors" --icon "$icon" \
    --input "$work/input" --main-jar "$app_jar" --main-class dev.flowdeck.app.Launcher \
    --runtime-image "$runtime" \
    --java-options "$native_access" \
    --java-options "-Dlogback.configurationFile=\$APPDIR/logback-app.xml" "${cds_options[@]}" \
    --add-launcher "flowdeck-cli=$work/cli.properties" \
    $( [ "$os" = mac ] && echo "--mac-package-identifier dev.flowdeck.app --mac-package-name Flowdeck" )

case "$os" in
    mac) image="$image_dir/$name.app"; app_dir="$image/Contents/app"; launcher="$image/Contents/MacOS/$name" ;;
    windows) image="$image_dir/$name"; app_dir="$image/app"; launcher="$image/$name.exe" ;;
    *) image="$image_dir/$name"; app_dir="$image/lib/app"; launcher="$image/bin/$name" ;;
esac

# --- 3. Signing hooks (secrets from the environment only) ---------------------------------------------------------
if [ "$os" = windows ]; then
    if [ -n "${WINDOWS_SIGN_PFX_BASE64:-}" ] && [ -n "${WINDOWS_SIGN_PASSWORD:-}" ]; then
        pfx="$work/sign.pfx"
        printf '%s' "$WINDOWS_SIGN_PFX_BASE64" | base64 -d > "$pfx"
        sign_windows() {
            signtool sign /f "$(cygpath -w "$pfx")" /p "$WINDOWS_SIGN_PASSWORD" /fd SHA256 \
                /tr "${WINDOWS_TIMESTAMP_URL:-http://timestamp.digicert.com}" /td SHA256 "$@"
        }
        sign_windows "$image/$name.exe" "$image/flowdeck-cli.exe"
    else
        echo "package.sh: WINDOWS_SIGN_PFX_BASE64/WINDOWS_SIGN_PASSWORD unset: the Windows launchers are not signed"
    fi
fi
mac_sign=()
if [ "$os" = mac ]; then
    if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
        mac_sign=(--mac-sign --mac-signing-key-user-name "$MACOS_SIGN_IDENTITY")
        [ -n "${MACOS_KEYCHAIN:-}" ] && mac_sign+=(--mac-signing-keychain "$MACOS_KEYCHAIN")
    else
        echo "package.sh: MACOS_SIGN_IDENTITY unset: the macOS packages are not signed (Gatekeeper will ask)"
    fi
fi

# --- 4. Native packages -------------------------------------------------------------------------------------------
if [ "$types" = auto ]; then
    case "$os" in
        linux)
            types=""
            if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then
                types="deb"
            else
                echo "package.sh: dpkg-deb or fakeroot is missing: no .deb"
            fi
            if command -v rpmbuild >/dev/null 2>&1; then
                types="$types rpm"
            else
                echo "package.sh: rpmbuild is not installed: no .rpm (install rpm to build one)"
            fi ;;
        windows) types="msi" ;;
        mac) types="dmg pkg" ;;
    esac
fi
[ "$types" = none ] && types=""
for type in $types; do
    echo "package.sh: making the .$type"
    common=(--type "$type" --app-image "$image" --dest "$out" --name "$name" --app-version "$number"
        --vendor "Flowdeck" --description "A workstation for debugging Kafka and RabbitMQ systems"
        --file-associations "$work/plan-files.properties")
    # src/linux/Flowdeck.desktop replaces jpackage's menu entry template, whose Exec line passes no file: a plan
    # opened from the file manager reaches Flowdeck as its argument only with %f. With a file association jpackage
    # gives every launcher an entry; src/linux/flowdeck-cli.desktop keeps the command line's out of the menus.
    linux=(--linux-package-name flowdeck --install-dir /opt --linux-menu-group "Development;Network"
        --linux-app-category devel --linux-shortcut --resource-dir "$here_native/src/linux")
    case "$type" in
        deb)
            if [ "$compression" = fast ]; then
                # The test build's .deb is unpacked at once: gzip -1 instead of xz saves minutes of one core.
                DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1 "$jpackage" "${common[@]}" "${linux[@]}"
            else
                "$jpackage" "${common[@]}" "${linux[@]}"
            fi ;;
        rpm) "$jpackage" "${common[@]}" "${linux[@]}" ;;
        msi|exe)
            "$jpackage" "${common[@]}" --win-upgrade-uuid "$upgrade_uuid" --win-menu --win-menu-group "Flowdeck" \
                --win-shortcut --win-shortcut-prompt --win-dir-chooser --win-per-user-install
            if [ -n "${WINDOWS_SIGN_PFX_BASE64:-}" ] && [ -n "${WINDOWS_SIGN_PASSWORD:-}" ]; then
                sign_windows "$out"/*."$type"
            fi ;;
        dmg|pkg)
            "$jpackage" "${common[@]}" "${mac_sign[@]}" --mac-package-identifier dev.flowdeck.app
            if [ ${#mac_sign[@]} -gt 0 ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] \
                    && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
                for file in "$out"/*."$type"; do
                    xcrun notarytool submit "$file" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
                        --password "$APPLE_APP_PASSWORD" --wait
                    xcrun stapler staple "$file"
                done
            else
                echo "package.sh: APPLE_ID/APPLE_TEAM_ID/APPLE_APP_PASSWORD unset: the .$type is not notarized"
            fi ;;
        *) echo "package.sh: '$type' is not a package type this script makes" >&2; exit 2 ;;
    esac
done

# --- 5. What was made ---------------------------------------------------------------------------------------------
size_mb() { du -sk "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
echo "package.sh: runtime $(size_mb "$runtime") MB, app-image $(size_mb "$image") MB ($image)"
for file in "$out"/*.deb "$out"/*.rpm "$out"/*.msi "$out"/*.exe "$out"/*.dmg "$out"/*.pkg; do
    [ -f "$file" ] && echo "package.sh: $(basename "$file") $(size_mb "$file") MB"
done
echo "package.sh: done in $((SECONDS - start_seconds)) s"
