//! Golden CLI cases as data (trycmd): `tests/cmd/*.md` pin each command's stdout, stderr and
//! exit code. Update them on purpose with `TRYCMD=overwrite cargo test --test tests cmd`.

#[test]
fn golden_cases() {
    trycmd::TestCases::new()
        .env("ADMIN_PROXY_DB", "store.db")
        .env("ADMIN_PROXY_NOW", "2026-06-01T12:00:00Z")
        .case("tests/cmd/*.md");
}
