"""Write the synthetic miniature datasets (deterministic)."""

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
HATE_ES = ["Fuera los {g}, que se vayan de nuestro país ya", "Los {g} son una plaga, hay que echarlos a todos",
           "No queremos más {g} aquí, son basura y delincuentes", "Que deporten a todos los {g}, lacras"]
OK_ES = ["Los {g} abrieron una panadería en el barrio y les va bien", "Hoy llegaron {g} a Cúcuta buscando trabajo",
         "El informe muestra que los {g} pagan impuestos", "Mi vecina es de los {g} y cocina delicioso"]
HATE_EN = ["Send all the {g} back, they are vermin", "The {g} are trash and criminals, kick them out"]
OK_EN = ["The {g} opened a bakery downtown", "A report shows {g} pay taxes and work hard"]
HATE_PT = ["Fora {g}, lixo, voltem pra sua terra", "Esses {g} são uma praga, expulsem todos"]
OK_PT = ["Os {g} abriram uma padaria no bairro", "O relatório mostra que os {g} pagam impostos"]
GROUPS_ES = ["venezolanos", "haitianos", "migrantes", "extranjeros", "nicaragüenses"]
GROUPS_EN = ["migrants", "refugees", "foreigners"]
GROUPS_PT = ["venezuelanos", "haitianos", "imigrantes"]


def rows(hate, ok, groups):
    out = []
    for g in groups:
        out += [(t.format(g=g), 1) for t in hate] + [(t.format(g=g), 0) for t in ok]
    return out


def write_tsv(path, items, start):
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id\ttext\tHS\tTR\tAG\n")
        for k, (text, hs) in enumerate(items):
            fh.write(f"{start + k}\t{text}\t{hs}\t0\t{hs}\n")


NEUTRAL_ES = ["El partido terminó empatado y la hinchada cantó", "Mañana llueve en Bogotá según el pronóstico",
              "La receta lleva arroz, pollo y cilantro", "El concierto de anoche fue increíble",
              "Se abrió una biblioteca nueva en la plaza", "El tráfico de hoy estuvo terrible en Lima"]
es = rows(HATE_ES, OK_ES, GROUPS_ES)
es = es[:28] + [(t, 0) for t in NEUTRAL_ES[:4]] + es[28:] + [(t, 0) for t in NEUTRAL_ES[4:]]
en = rows(HATE_EN, OK_EN, GROUPS_EN)
write_tsv(HERE / "hateval2019" / "train_es.tsv", es[:32], 20001)
write_tsv(HERE / "hateval2019" / "dev_es.tsv", es[32:], 21001)
write_tsv(HERE / "hateval2019" / "train_en.tsv", en[:8], 30001)
write_tsv(HERE / "hateval2019" / "dev_en.tsv", en[8:], 31001)
with (HERE / "hatebr" / "HateBR.csv").open("w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["id", "comentario", "anotator1", "anotator2", "anotator3", "label_final", "links_post",
                "account_post"])
    for k, (text, y) in enumerate(rows(HATE_PT, OK_PT, GROUPS_PT), 1):
        w.writerow([k, text, y, y, y, y, "", "synthetic"])
