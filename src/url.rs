//! Building in-app addresses with query strings.

/// `path?a=b&c=d`, values percent-encoded; no `?` when there are no parameters.
pub fn with_query(path: &str, params: &[(&str, String)]) -> String {
    let query = web_sys::UrlSearchParams::new().expect("URLSearchParams exists in every browser");
    for (name, value) in params {
        query.append(name, value);
    }
    let encoded: String = query.to_string().into();
    if encoded.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{encoded}")
    }
}

/// The Users and licenses page of a customer.
pub fn users_page(customer_id: &str) -> String {
    format!("/customers/{customer_id}/users")
}

/// The Manage licenses page of a customer's selected users.
pub fn manage_licenses_page(customer_id: &str) -> String {
    format!("/customers/{customer_id}/users/manage-licenses")
}

/// Import changes: a CSV file of license changes for the customer's users.
pub fn import_page(customer_id: &str) -> String {
    format!("/customers/{customer_id}/users/import")
}

/// The Licenses updated confirmation page.
pub fn licenses_updated_page(customer_id: &str) -> String {
    format!("/customers/{customer_id}/users/licenses-updated")
}

/// The Products page of a customer: seats, terms and right-sizing per product.
pub fn products_page(customer_id: &str) -> String {
    format!("/customers/{customer_id}/products")
}

/// The holders of one of a customer's products.
pub fn product_holders_page(customer_id: &str, sku_id: &str) -> String {
    format!("/customers/{customer_id}/products/{sku_id}")
}
