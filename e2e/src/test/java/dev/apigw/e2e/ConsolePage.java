package dev.apigw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The console as a person uses it: what they type, click and read. */
final class ConsolePage {

    private final Browser browser;
    private final String url;

    ConsolePage(Browser browser, String url) {
        this.browser = browser;
        this.url = url;
    }

    /** Opens the console afresh (which ends any session) and logs in by keyboard. */
    void logIn(String username, String password) {
        browser.open(url);
        WebElement name = browser.visible("#login-form input[name=username]");
        name.sendKeys(username);
        name.sendKeys(Keys.TAB);
        browser.driver.switchTo().activeElement().sendKeys(password, Keys.ENTER);
        browser.visible("#logout");
    }

    void logOut() {
        browser.visible("#logout").click();
        browser.visible("#login-form");
    }

    void go(String page) {
        browser.visible("#nav button[data-page='" + page + "']").click();
        browser.until(driver -> "page"
                .equals(driver.findElement(By.cssSelector("#nav button[data-page='" + page + "']"))
                        .getDomAttribute("aria-current")));
    }

    /** Creates a key in "My keys"; returns the value the dialog shows, with the dialog still open. */
    String createKey(String description) {
        WebElement field = browser.visible("#create-key-form input[name=description]");
        field.sendKeys(description);
        browser.driver
                .findElement(By.cssSelector("#create-key-form button[type=submit]"))
                .click();
        WebElement value = browser.visible("#key-dialog #key-dialog-value");
        browser.until(driver -> !value.getDomProperty("value").isEmpty());
        return value.getDomProperty("value");
    }

    /** Clicks the dialog's copy button; returns what the clipboard then holds. */
    String copyShownKey() {
        browser.driver.setPermission("clipboard-read", "granted");
        browser.driver.setPermission("clipboard-write", "granted");
        browser.visible("#key-dialog-copy").click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-dialog-copied"), "Copied"));
        Object text = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " navigator.clipboard.readText().then(done, (e) => done('refused: ' + e));");
        return String.valueOf(text);
    }

    void closeKeyDialog() {
        browser.visible("#key-dialog-close").click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.id("key-dialog")));
    }

    String shownKeyValue() {
        return browser.driver.findElement(By.id("key-dialog-value")).getDomProperty("value");
    }

    /** The table row of the key whose value is {@code key} (a row carries its display prefix). */
    WebElement rowOf(String key) {
        return browser.until(driver -> driver.findElements(By.cssSelector("tr[data-prefix]")).stream()
                .filter(row -> key.startsWith(row.getDomAttribute("data-prefix")))
                .findFirst()
                .orElse(null));
    }

    WebElement rowWithPrefix(String prefix) {
        return browser.visible("tr[data-prefix='" + prefix + "']");
    }

    /** Clicks a row's action, and returns the confirmation dialog's text. */
    String startAction(WebElement row, String action) {
        row.findElement(By.cssSelector("button[data-action='" + action + "']")).click();
        return browser.visible("#confirm-dialog-text").getText();
    }

    void confirm() {
        browser.visible("#confirm-dialog-ok").click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
    }

    void chooseInDialog(String name, String visibleText) {
        new Select(browser.visible("#confirm-dialog-fields select[name=" + name + "]"))
                .selectByVisibleText(visibleText);
    }

    String notice() {
        return browser.visible("#notice").getText();
    }

    String error() {
        return browser.visible("#error").getText();
    }

    void filter(String form, String name, String value) {
        WebElement field = browser.visible("#" + form + " [name=" + name + "]");
        if (field.getTagName().equals("select")) {
            new Select(field).selectByVisibleText(value);
        } else {
            field.clear();
            field.sendKeys(value);
        }
    }

    void submit(String form) {
        browser.visible("#" + form + " button[type=submit]").click();
    }

    List<WebElement> rows(String listId) {
        return browser.all("#" + listId + " tbody tr");
    }

    /** The text of each row of a listing, read at one instant (a listing re-renders as a whole). */
    @SuppressWarnings("unchecked")
    List<String> rowTexts(String listId) {
        return (List<String>) browser.driver.executeScript(
                "return [...document.querySelectorAll(arguments[0])].map((row) => row.innerText)",
                "#" + listId + " tbody tr");
    }

    static void assertBadge(WebElement row, String status) {
        assertThat(row.findElement(By.cssSelector(".status .badge")).getText()).isEqualTo(status);
    }
}
