#!/usr/bin/env bash
# request provision onto the lab's Apache through the sudo user, and HTTPS
# sites with the lab's certificate on nginx and on Apache: the name
# resolves, the placeholder page answers (over HTTPS with a certificate
# curl checks), plain HTTP redirects to the same page over HTTPS on the
# server's own HTTPS port, and a second run changes nothing.
source "$(dirname "$0")/lib.sh"

provision_store
TLS=(tls_certificate="\"$LAB_TLS_CERT\"" tls_key="\"$LAB_TLS_KEY\"")
{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root
    lab_server apache apache sudo
    lab_server nginxtls nginx root "${TLS[@]}"
    lab_server apachetls apache sudo "${TLS[@]}"
    # HTTPS on the standard port 443 (for --dry-run only: nothing listens there)
    lab_server nginx443 nginx root "${TLS[@]}" listen_https='"127.0.0.1:443"'
    lab_server apache443 apache root "${TLS[@]}" listen_https='"127.0.0.1:443"'
    echo "dns:"
    lab_static_zone
} >"$HOSTINGCTL_STORE/servers.yaml"
on_cleanup reload_lab
expect_code 0 hc -y server trust lab # the known host is the store's, for every server on it

# --- a static site on Apache, through the sudo user ------------------------------
new_site ap
expect_code 0 hc request provision "$ID" --server apache
expect_contains "$TMP/out" "is served at http://$FQDN:$LAB_APACHE_HTTP_PORT/"
[[ -f $LAB_APACHE_SITES_DIR/$FQDN.conf ]] || fail "no virtual host in $LAB_APACHE_SITES_DIR"
[[ ! -e $LAB_NGINX_SITES_DIR/$FQDN.conf ]] || fail "an Apache site got an nginx server block"
expect_eq "dig $FQDN" "$(lab_dig "$FQDN" A)" "$LAB_PUBLIC_IP"
page_of "$FQDN" "$LAB_APACHE_HTTP_PORT" >"$TMP/page" || fail "no page of $FQDN from Apache"
expect_contains "$TMP/page" "<h1>$FQDN</h1>"
expect_contains "$TMP/page" "Dinas Kesehatan"
# Asked with another name, Apache answers with its default host, not this site.
expect_eq "Apache's default host" "$(lab_get -H 'Host: x' "http://$LAB_HOST:$LAB_APACHE_HTTP_PORT/")" \
    "$LAB_APACHE_DEFAULT_TEXT"
[[ $(stat -c %U "$LAB_WWW_DIR/$FQDN/public_html") == "$(site_user "$ID")" ]] ||
    fail "public_html is not $(site_user "$ID")'s"

# A second run changes nothing, and says so.
before=$(site_files)
zs=$(zone_sum)
expect_code 0 hc request provision "$ID" --server apache
expect_contains "$TMP/out" "nothing changed"
[[ $(site_files) == "$before" && $(zone_sum) == "$zs" ]] || fail "a second run on Apache changed a file"

# --- HTTPS on nginx and on Apache ------------------------------------------------
# The lab's HTTPS ports are not 443: the redirect from plain HTTP has to keep
# the port, or a browser would be sent to a port nothing listens on.
https_site() { # SERVER HTTP_PORT HTTPS_PORT TAG
    local server=$1 http=$2 https=$3 fqdn id got
    new_site "$4"
    fqdn=$FQDN id=$ID
    expect_code 0 hc request provision "$id" --server "$server"
    expect_contains "$TMP/out" "is served at https://$fqdn:$https/"
    page_of "$fqdn" "$https" https >"$TMP/page" || fail "$fqdn does not answer over HTTPS on $server"
    expect_contains "$TMP/page" "<h1>$fqdn</h1>"
    expect_contains "$TMP/page" "Dinas Kesehatan"
    got=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' \
        --resolve "$fqdn:$http:$LAB_HOST" "http://$fqdn:$http/a/b.html?x=1")
    expect_eq "plain HTTP of $fqdn on $server" "$got" "301 https://$fqdn:$https/a/b.html?x=1"
    # Followed, the redirect ends at the site's page.
    curl -sS --max-time 10 -L --cacert "$LAB_TLS_CERT" --resolve "$fqdn:$http:$LAB_HOST" \
        --resolve "$fqdn:$https:$LAB_HOST" "http://$fqdn:$http/" >"$TMP/page" 2>&1 ||
        fail "following the redirect of $fqdn on $server: $(head -c 300 "$TMP/page")"
    expect_contains "$TMP/page" "<h1>$fqdn</h1>"
    expect_eq "dig $fqdn" "$(lab_dig "$fqdn" A)" "$LAB_PUBLIC_IP"
}
https_site nginxtls "$LAB_NGINX_HTTP_PORT" "$LAB_NGINX_HTTPS_PORT" ngs
https_site apachetls "$LAB_APACHE_HTTP_PORT" "$LAB_APACHE_HTTPS_PORT" aps

# On port 443 the redirect names no port.
new_site std
expect_code 0 hc request provision "$ID" --server nginx443 --dry-run
expect_contains "$TMP/out" "return 301 https://$FQDN\$request_uri;"
expect_code 0 hc request provision "$ID" --server apache443 --dry-run
expect_contains "$TMP/out" "Redirect permanent / https://$FQDN/"

finish
