"""CSV, XLSX, ODS and the council report PDF carry the page's figures and parse back."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.participation.tests.pdftext import pdf_text

from .builders import at, coalition

PERIOD = {"van": "2024-01", "tot": "2024-12", "afdeling": "alle"}


@pytest.fixture
def team_client(client, users):
    coalition(users[Role.EMPLOYEE].employee, users[Role.MANAGER].employee, when=at(2024, 3))
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    return client


def test_csv_download_holds_the_table_of_the_chart(team_client):
    response = team_client.get(
        reverse("insights:index"), {**PERIOD, "format": "csv", "measure": "reach"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["maand", "bereik"]
    assert len(rows) == 13
    assert rows[-1][0] == "2024-12-01"


def test_unknown_csv_measure_gets_a_clear_400(team_client):
    response = team_client.get(
        reverse("insights:index"), {"format": "csv", "measure": "salarissen"}
    )
    assert response.status_code == 400
    assert "Onbekende download" in response.content.decode()


def test_malformed_period_keeps_the_default_and_says_why(team_client):
    response = team_client.get(reverse("insights:index"), {"van": "maart", "tot": "2024-13"})
    assert response.status_code == 200
    assert "jjjj-mm" in response.content.decode()


def test_xlsx_reads_back_with_the_key_figures(team_client):
    from openpyxl import load_workbook

    response = team_client.get(reverse("insights:report_xlsx"), PERIOD)
    book = load_workbook(io.BytesIO(response.content))
    summary = list(book["Kerncijfers"].iter_rows(values_only=True))
    assert any(row[0] == "Bereik" for row in summary)
    assert "Bereik per maand" in book.sheetnames


def test_ods_is_a_valid_opendocument_spreadsheet(team_client):
    from odf.opendocument import load
    from odf.table import Table

    response = team_client.get(reverse("insights:report_ods"), PERIOD)
    assert zipfile.ZipFile(io.BytesIO(response.content)).read("mimetype") == (
        b"application/vnd.oasis.opendocument.spreadsheet"
    )
    document = load(io.BytesIO(response.content))
    names = [t.getAttribute("name") for t in document.spreadsheet.getElementsByType(Table)]
    assert "Kerncijfers" in names


def test_council_report_pdf_states_the_figures_in_dutch(team_client):
    response = team_client.get(reverse("insights:report_pdf"), PERIOD)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Kwartaalrapportage voor de raad" in text
    assert "Bereik aan het eind van de periode" in text
