"""Headless Chromium (the OS package) driven through chromedriver, and Swagger UI as a person uses it."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.processes import program

WAIT_SECONDS = 60
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,2400")


@contextmanager
def chromium(profile: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = program("chromium", "/usr/bin/chromium")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    # With the driver's path given, Selenium Manager never runs (it would try to download one).
    service = Service(executable_path=program("chromedriver", "/usr/bin/chromedriver"),
                      log_output=str(profile.parent / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()


class SwaggerUI:
    """The few things a finance officer does in Swagger UI: authorise, try an operation, read the answer."""

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self.wait = WebDriverWait(driver, WAIT_SECONDS)

    def open(self, url: str) -> None:
        self.driver.get(url)
        self.wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".opblock")))

    def authorize_bearer(self, key: str) -> None:
        self._click(By.CSS_SELECTOR, ".scheme-container button.authorize")
        field = self.wait.until(ec.visibility_of_element_located(
            (By.CSS_SELECTOR, ".modal-ux input[aria-label='auth-bearer-value']")))
        field.send_keys(key)
        form = field.find_element(By.XPATH, "./ancestor::form")
        form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        self.wait.until(lambda _: form.find_elements(By.CSS_SELECTOR, "button.btn-done, button.logout")
                        and not form.find_elements(By.CSS_SELECTOR, "input[aria-label='auth-bearer-value']"))
        self._click(By.CSS_SELECTOR, ".modal-ux button.btn-done")
        self.wait.until(ec.invisibility_of_element_located((By.CSS_SELECTOR, ".modal-ux")))

    def expand(self, tag: str, operation_id: str) -> WebElement:
        """Open the operation's block; the block once its parameters are shown."""
        block = self.driver.find_element(By.ID, f"operations-{tag}-{operation_id}")
        block.find_element(By.CSS_SELECTOR, ".opblock-summary-control").click()
        self.wait.until(lambda _: block.find_elements(By.CSS_SELECTOR, "button.try-out__btn"))
        return block

    def try_it_out(self, tag: str, operation_id: str, parameters: dict[str, str]) -> WebElement:
        """Expand the operation, fill its parameters, execute; the operation's block once it has answered."""
        block = self.expand(tag, operation_id)
        block.find_element(By.CSS_SELECTOR, "button.try-out__btn").click()
        for name, value in parameters.items():
            field = self.wait.until(lambda _, name=name: block.find_element(
                By.CSS_SELECTOR, f"tr[data-param-name='{name}'] input"))
            field.clear()
            field.send_keys(value)
        block.find_element(By.CSS_SELECTOR, "button.execute").click()
        self.wait.until(lambda _: block.find_elements(By.CSS_SELECTOR, ".live-responses-table .response-col_status"))
        return block

    def _click(self, by: str, selector: str) -> None:
        self.wait.until(ec.element_to_be_clickable((by, selector))).click()


def live_response(block: WebElement) -> tuple[str, str]:
    """The status code and body Swagger UI shows for the call it just made."""
    table = block.find_element(By.CSS_SELECTOR, ".live-responses-table")
    status = table.find_element(By.CSS_SELECTOR, "tbody .response-col_status").text.strip()
    body = table.find_element(By.CSS_SELECTOR, "tbody .response-col_description pre").text
    return status, body
